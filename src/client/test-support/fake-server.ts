/**
 * A fake sync server for tests: a `fetch` that answers /api/sync/pull from a list of
 * items (pages of `pageSize`) and /api/sync/push by validating the request with the
 * shared schemas (and refusing a push without the CSRF header, as the server does). Tests
 * change `server.push` to make it misbehave.
 */
import * as z from 'zod/mini';
import { CSRF_HEADER, CSRF_VALUE } from '../../shared/csrf.ts';
import { RunEvent } from '../../shared/events.ts';
import { type PulledSopVersion, PushRequest, type PushResponse } from '../../shared/sync.ts';
import { ORG_ID } from './sops.ts';

export type PushHandler = (request: PushRequest) => Response;

export interface FakeServer {
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  items: PulledSopVersion[];
  pageSize: number;
  pushes: PushRequest[];
  pulls: string[];
  push: PushHandler;
}

/** What the server requires of every state-changing request (src/shared/auth.ts). */
export const hasCsrfHeader = (init: RequestInit | undefined) =>
  new Headers(init?.headers).get(CSRF_HEADER) === CSRF_VALUE;

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The well-behaved answer: every valid event accepted, every invalid one rejected. */
export function acceptAll(request: PushRequest, overrides: Partial<PushResponse> = {}): Response {
  const results = request.events.map((e) => {
    const parsed = z.safeParse(RunEvent, e);
    const id = (e as { id: string }).id;
    return parsed.success
      ? { id, status: 'accepted' as const }
      : { id, status: 'rejected' as const, code: 'invalid_event' as const, message: 'bad event' };
  });
  const body: PushResponse = {
    protocol: 1,
    batchId: request.batchId,
    results,
    highestContiguousDeviceSeq: 0,
    gaps: [],
    serverTime: Date.now(),
    epoch: 'test',
    ...overrides,
  };
  return json(body);
}

export function fakeServer(items: PulledSopVersion[] = []): FakeServer {
  const server: FakeServer = {
    items,
    pageSize: 2,
    pushes: [],
    pulls: [],
    push: (request) => acceptAll(request),
    fetch: async (input, init) => {
      const url = new URL(input, 'http://localhost');
      if (url.pathname === '/api/sync/pull') {
        const cursor = url.searchParams.get('cursor') ?? '0';
        server.pulls.push(cursor);
        const start = Number(cursor);
        const page = server.items.slice(start, start + server.pageSize);
        const next = start + page.length;
        return json({
          protocol: 1,
          items: page,
          cursor: String(next),
          hasMore: next < server.items.length,
          epoch: 'test',
          orgId: ORG_ID,
        });
      }
      if (url.pathname === '/api/sync/push' && init?.method === 'POST') {
        if (!hasCsrfHeader(init)) return json({ error: 'csrf_rejected', message: 'no CSRF header' }, 403);
        const request = z.parse(PushRequest, JSON.parse(String(init.body)));
        server.pushes.push(request);
        return server.push(request);
      }
      return json({ error: 'not_found', message: 'not found' }, 404);
    },
  };
  return server;
}
