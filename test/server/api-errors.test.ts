import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, Health, MAX_PUSH_EVENTS } from '../../src/shared/sync.ts';
import { MIGRATION_COUNT, openTestDatabase, type TestDatabase } from '../support/server-db.ts';
import { postJson, pushBody, url } from './http.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

async function expectApiError(res: Response, status: number, error: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = ApiError.parse(await res.json());
  expect(body.error).toBe(error);
  return body;
}

describe('GET /api/health', () => {
  it('reports the database kind, the migration level and the epoch', async () => {
    const res = await t.app.request(url('/api/health'));
    expect(res.status).toBe(200);
    const health = Health.parse(await res.json());
    expect(health).toMatchObject({ status: 'ok', database: t.kind, migrations: MIGRATION_COUNT });
    expect(health.epoch).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the same epoch across requests and table resets', async () => {
    const first = Health.parse(await (await t.app.request(url('/api/health'))).json());
    await t.reset();
    const second = Health.parse(await (await t.app.request(url('/api/health'))).json());
    expect(second.epoch).toBe(first.epoch);
  });
});

describe('bad requests get 4xx with a machine-readable error, never 500', () => {
  it('an unknown API route is a JSON 404', async () => {
    await expectApiError(await t.app.request(url('/api/nope')), 404, 'not_found');
    await expectApiError(await postJson(t.app, '/api/sync/nope', {}), 404, 'not_found');
  });

  it('malformed JSON is invalid_json', async () => {
    await expectApiError(await postJson(t.app, '/api/sync/push', '{"protocol": 1,'), 400, 'invalid_json');
  });

  it('a body that is not JSON at all is refused with 415', async () => {
    const res = await t.app.request(url('/api/sync/push'), { method: 'POST', body: 'hello' });
    await expectApiError(res, 415, 'unsupported_media_type');
  });

  it('a schema failure is invalid_request with the path of each issue', async () => {
    const body = await expectApiError(
      await postJson(t.app, '/api/sync/push', pushBody([], { deviceId: 'not-a-uuid', events: 'x' })),
      400,
      'invalid_request',
    );
    expect(body.issues?.map((i) => i.path).sort()).toEqual(['deviceId', 'events']);
  });

  it('a JSON value that is not an object is invalid_request', async () => {
    await expectApiError(await postJson(t.app, '/api/sync/push', '[1,2]'), 400, 'invalid_request');
    await expectApiError(await postJson(t.app, '/api/sync/push', 'null'), 400, 'invalid_request');
  });

  it('a body over 1 MiB is 413, whether or not it declares its length', async () => {
    const big = JSON.stringify(pushBody([{ filler: 'x'.repeat(1024 * 1024) }]));
    await expectApiError(await postJson(t.app, '/api/sync/push', big), 413, 'payload_too_large');
    const declared = await t.app.request(url('/api/sync/push'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
      body: big,
    });
    await expectApiError(declared, 413, 'payload_too_large');
  });

  it('more events than a batch may hold is invalid_request', async () => {
    const events = Array.from({ length: MAX_PUSH_EVENTS + 1 }, () => ({}));
    await expectApiError(await postJson(t.app, '/api/sync/push', pushBody(events)), 400, 'invalid_request');
  });

  it.each([
    'cursor=abc',
    'cursor=-1',
    'cursor=1.5',
    'cursor=99999999999999999999',
    'limit=0',
    'limit=201',
    'limit=ten',
  ])('pull with %s is invalid_request', async (qs) => {
    await expectApiError(await t.app.request(url(`/api/sync/pull?${qs}`)), 400, 'invalid_request');
  });

  it('a run id that is not a UUID is simply not found', async () => {
    await expectApiError(await t.app.request(url("/api/runs/1'%20or%201=1")), 404, 'not_found');
    await expectApiError(await t.app.request(url('/api/runs/0190a000-0000-7000-8000-0000000000ff')), 404, 'not_found');
  });

  it('a non-API path is a JSON 404 when no client is built', async () => {
    await expectApiError(await t.app.request(url('/somewhere')), 404, 'not_found');
  });
});
