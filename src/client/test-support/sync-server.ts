/**
 * An in-memory sync server for fault tests, faithful to the protocol where the client's
 * correctness depends on it: requests are validated with the shared schemas, events are
 * stored idempotently by id (same payload → `duplicate`, different → `id_reuse`),
 * invalid events are `rejected`, the answer echoes the batch id and carries the epoch; a
 * push without the CSRF header is refused (403).
 * It counts requests in flight (to catch overlapping batches) and can be told to fail.
 */
import * as z from 'zod/mini';
import { RunEvent } from '../../shared/events.ts';
import { type EventResult, PushRequest, type PushResponse } from '../../shared/sync.ts';
import { hasCsrfHeader, json } from './fake-server.ts';
import { ORG_ID } from './sops.ts';

export interface SyncServer {
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  /** Stored events by id (as JSON text). */
  stored: Map<string, string>;
  /** Every event id received, in arrival order, duplicates included. */
  received: string[];
  pushes: PushRequest[];
  epoch: string;
  inFlight: number;
  maxInFlight: number;
  /** Replaces the answer of push requests (nothing is stored) while set. */
  fail: ((request: PushRequest) => Response | Promise<Response>) | null;
  /** Event ids the server refuses as `forbidden`. */
  refuse: Set<string>;
  /** Awaited after a push is stored and before it is answered (holds a batch in flight). */
  delay: () => Promise<void>;
}

function verdict(server: SyncServer, raw: unknown): EventResult {
  const id = typeof raw === 'object' && raw && 'id' in raw ? String(raw.id) : '';
  const parsed = z.safeParse(RunEvent, raw);
  if (!parsed.success) return { id, status: 'rejected', code: 'invalid_event', message: 'invalid' };
  if (server.refuse.has(id)) return { id, status: 'rejected', code: 'forbidden', message: 'refused' };
  const text = JSON.stringify(parsed.data);
  const known = server.stored.get(id);
  if (known === undefined) {
    server.stored.set(id, text);
    return { id, status: 'accepted' };
  }
  return known === text ? { id, status: 'duplicate' } : { id, status: 'rejected', code: 'id_reuse', message: 'reuse' };
}

async function answerPush(server: SyncServer, body: unknown): Promise<Response> {
  const request = z.parse(PushRequest, body);
  server.pushes.push(request);
  if (server.fail) return server.fail(request);
  const results = request.events.map((raw) => {
    server.received.push(String((raw as { id?: unknown }).id));
    return verdict(server, raw);
  });
  await server.delay();
  const response: PushResponse = {
    protocol: 1,
    batchId: request.batchId,
    results,
    highestContiguousDeviceSeq: 0,
    gaps: [],
    serverTime: Date.now(),
    epoch: server.epoch,
  };
  return json(response);
}

export function syncServer(): SyncServer {
  const server: SyncServer = {
    stored: new Map(),
    received: [],
    pushes: [],
    epoch: 'epoch-1',
    inFlight: 0,
    maxInFlight: 0,
    fail: null,
    refuse: new Set(),
    delay: async () => undefined,
    fetch: async (input, init) => {
      const url = new URL(input, 'http://localhost');
      server.inFlight += 1;
      server.maxInFlight = Math.max(server.maxInFlight, server.inFlight);
      try {
        if (url.pathname === '/api/sync/push') {
          if (!hasCsrfHeader(init)) return json({ error: 'csrf_rejected', message: 'no CSRF header' }, 403);
          return await answerPush(server, JSON.parse(String(init?.body)));
        }
        if (url.pathname === '/api/sync/pull') {
          const cursor = url.searchParams.get('cursor') ?? '0';
          return json({ protocol: 1, items: [], cursor, hasMore: false, epoch: server.epoch, orgId: ORG_ID });
        }
        return json({ error: 'not_found', message: 'not found' }, 404);
      } finally {
        server.inFlight -= 1;
      }
    },
  };
  return server;
}

/** A Web Locks stand-in shared by several engines (tabs): one holder at a time, FIFO. */
export function sharedLock() {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    request<T>(_name: string, callback: (lock: unknown) => Promise<T>): Promise<T> {
      const run = tail.then(() => callback({}));
      tail = run.catch(() => undefined);
      return run;
    },
  };
}
