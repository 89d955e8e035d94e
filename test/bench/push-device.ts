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
 * the current one, every answer checked against the shared PushResponse schema, its batch
 * id and its statuses. One difference: the app checks an answer before it sends the next
 * batch, this device checks it while the next batch is in flight. Checking is the device's
 * work, which a server serving many devices never waits for; the benchmark stops at the
 * first answer that fails the check all the same.
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

/** An answer as it came: its status, its body's bytes and their encoding. */
interface RawAnswer {
  status: number | undefined;
  encoding: string | undefined;
  bytes: Buffer;
}

/**
 * POSTs `body` on `agent`'s keep-alive connection. `sent` settles once the request is
 * handed to the operating system, `answer` with the answer as it came.
 */
function postJson(agent: Agent, port: number, headers: Record<string, string>, body: string) {
  let sent: Promise<void> = Promise.resolve();
  const answer = new Promise<RawAnswer>((resolve, reject) => {
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
        res.on('end', () =>
          resolve({ status: res.statusCode, encoding: res.headers['content-encoding'], bytes: Buffer.concat(chunks) }),
        );
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

/** Throws unless `answer` acknowledges every event of batch `batchId`. */
function check(answer: RawAnswer, batchId: string): void {
  const bytes = answer.encoding === 'gzip' ? gunzipSync(answer.bytes) : answer.bytes;
  const text = bytes.toString('utf8');
  if (answer.status !== 200) throw new Error(`the API answered ${answer.status}: ${text}`);
  const verdict = PushResponse.parse(JSON.parse(text));
  if (verdict.batchId !== batchId) throw new Error('the answer names another batch');
  if (verdict.results.some((r) => r.status !== 'accepted')) throw new Error('the API refused bench events');
}

async function push({ port, headers, deviceId, events }: PushJob): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    let next = events.length > 0 ? prepare(deviceId, events.slice(0, MAX_PUSH_EVENTS)) : null;
    let unchecked: (() => void) | null = null;
    for (let start = 0; next; start += MAX_PUSH_EVENTS) {
      const current = next;
      const { sent, answer } = postJson(agent, port, headers, current.body);
      answer.catch(() => {}); // awaited below; this keeps a refusal during `sent` from going unhandled
      await sent;
      unchecked?.();
      const after = events.slice(start + MAX_PUSH_EVENTS, start + 2 * MAX_PUSH_EVENTS);
      next = after.length > 0 ? prepare(deviceId, after) : null;
      const received = await answer;
      // A refusal stops the device at once; only the full check waits for the next batch.
      if (received.status !== 200) check(received, current.batchId);
      unchecked = () => check(received, current.batchId);
    }
    unchecked?.();
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
