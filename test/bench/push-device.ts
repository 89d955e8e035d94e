/**
 * The device of the ingest benchmark (ingest.ts), in a process of its own as a phone is a
 * machine of its own: its work (serialising batches, reading and checking answers) must
 * not be charged to the server it measures, whose throughput the benchmark reports.
 *
 * Protocol over the fork's IPC channel, once per job (one process serves every round, so
 * that it is as warm as the server):
 *   parent → device: a PushJob (an outbox and where to send it);
 *   device → parent: 'ready' once the job is read; then, on 'go', 'done' after the last
 *   batch's acknowledgement (or 'failed' with a reason).
 * It pushes as the app does (src/client/sync/push.ts): batches of MAX_PUSH_EVENTS in
 * device order, one in flight at a time, the next one prepared while the server answers
 * the current one, each answer checked against the shared PushResponse schema and its
 * batch id before the next batch is sent.
 */
import { Agent, request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { RunEvent } from '../../src/shared/events.ts';
import { MAX_PUSH_EVENTS, PROTOCOL_VERSION, PushResponse } from '../../src/shared/sync.ts';
import { uuidv7 } from '../../src/shared/uuid.ts';

export interface PushJob {
  port: number;
  headers: Record<string, string>;
  deviceId: string;
  events: RunEvent[];
}

export type DeviceMessage = { kind: 'ready' } | { kind: 'done' } | { kind: 'failed'; reason: string };

/**
 * POSTs `body` on `agent`'s keep-alive connection. `sent` settles once the request is
 * handed to the operating system, `answer` with the answer's JSON (gunzipped if need be).
 */
function postJson(agent: Agent, port: number, headers: Record<string, string>, body: string) {
  let sent: Promise<void> = Promise.resolve();
  const answer = new Promise<unknown>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/sync/push',
        method: 'POST',
        agent,
        headers: { ...headers, 'content-type': 'application/json', 'accept-encoding': 'gzip' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const text = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(bytes) : bytes).toString('utf8');
          if (res.statusCode !== 200) reject(new Error(`the API answered ${res.statusCode}: ${text}`));
          else resolve(JSON.parse(text));
        });
      },
    );
    req.on('error', reject);
    sent = new Promise((resolve) => {
      req.once('finish', resolve);
      req.once('error', () => resolve());
    });
    req.end(body);
  });
  return { sent, answer };
}

/** One batch's request body and the batch id its answer must echo. */
function prepare(deviceId: string, events: RunEvent[]) {
  const batchId = uuidv7();
  const body = { protocol: PROTOCOL_VERSION, appVersion: 'bench', deviceId, batchId, sentAt: Date.now(), events };
  return { batchId, body: JSON.stringify(body) };
}

async function push({ port, headers, deviceId, events }: PushJob): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    let next = events.length > 0 ? prepare(deviceId, events.slice(0, MAX_PUSH_EVENTS)) : null;
    for (let start = 0; next; start += MAX_PUSH_EVENTS) {
      const current = next;
      const { sent, answer } = postJson(agent, port, headers, current.body);
      answer.catch(() => {}); // awaited below; this keeps a refusal during `sent` from going unhandled
      await sent;
      const after = events.slice(start + MAX_PUSH_EVENTS, start + 2 * MAX_PUSH_EVENTS);
      next = after.length > 0 ? prepare(deviceId, after) : null;
      const verdict = PushResponse.parse(await answer);
      if (verdict.batchId !== current.batchId) throw new Error('the answer names another batch');
      if (verdict.results.some((r) => r.status !== 'accepted')) throw new Error('the API refused bench events');
    }
  } finally {
    agent.destroy();
  }
}

const send = (message: DeviceMessage) => process.send?.(message);

let job: PushJob | null = null;
process.on('message', (message: PushJob | 'go') => {
  if (message !== 'go') {
    job = message;
    send({ kind: 'ready' });
    return;
  }
  const current = job;
  job = null;
  if (!current) return send({ kind: 'failed', reason: 'go before a job' });
  push(current).then(
    () => send({ kind: 'done' }),
    (error: unknown) => send({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) }),
  );
});
