/** Request helpers for server tests: every call goes through `app.request`, no socket. */
import type { RunEvent } from '../../src/shared/events.ts';
import { expect } from 'vitest';
import { ApiError, PROTOCOL_VERSION, PushResponse } from '../../src/shared/sync.ts';
import { uuidv7 } from '../../src/shared/uuid.ts';
import { IDS } from '../support/events.ts';

export interface RequestApp {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}

export const url = (path: string) => `http://localhost${path}`;

export const postJson = (app: RequestApp, path: string, body: unknown) =>
  app.request(url(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

export const pushBody = (events: unknown[], overrides: Record<string, unknown> = {}) => ({
  protocol: PROTOCOL_VERSION,
  appVersion: '0.1.0-test',
  deviceId: IDS.device,
  batchId: uuidv7(),
  sentAt: Date.now(),
  events,
  ...overrides,
});

/** Pushes events and returns the response, checked against the shared PushResponse schema. */
export async function push(app: RequestApp, events: readonly (RunEvent | unknown)[], overrides = {}) {
  const res = await postJson(app, '/api/sync/push', pushBody([...events], overrides));
  if (res.status !== 200) throw new Error(`push answered ${res.status}: ${await res.text()}`);
  return PushResponse.parse(await res.json());
}

export const statuses = (response: PushResponse) =>
  response.results.map((r) => (r.status === 'rejected' ? `rejected:${r.code}` : r.status));

/** Checks a refusal: its status and its machine-readable error code. */
export async function expectError(res: Response, status: number, error: string) {
  expect(res.status).toBe(status);
  expect(ApiError.parse(await res.json()).error).toBe(error);
}

/**
 * A request body sent in two parts: the first `firstBytes` at once, the rest only when
 * `sendRest()` is called (an upload over a slow network).
 */
export function twoPartBody(bytes: Uint8Array, firstBytes: number) {
  let sendRest = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes.slice(0, firstBytes));
      sendRest = () => {
        controller.enqueue(bytes.slice(firstBytes));
        controller.close();
      };
    },
  });
  return { body, sendRest: () => sendRest() };
}
