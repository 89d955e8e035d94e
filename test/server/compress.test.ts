import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, compress } from '../../src/server/http/compress.ts';
import { PushResponse } from '../../src/shared/sync.ts';
import { runEvents } from '../support/events.ts';
import { type TestDatabase, useFixtureDatabase } from '../support/server-db.ts';
import { pushBody, url } from './http.ts';

let t: TestDatabase;
useFixtureDatabase((opened) => {
  t = opened;
});

/** Five runs: the answer to their push (one status per event) is well over 1 KB. */
const events = [0, 1, 2, 3, 4].flatMap((i) =>
  runEvents((b) => b.start().step('a', 1000).step('c', 2000).complete(), 1_700_000_000_000 + i * 600_000),
);

const pushWith = (acceptEncoding: string | null) =>
  t.app.request(url('/api/sync/push'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) },
    body: JSON.stringify(pushBody(events)),
  });

const bytes = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe('compression of JSON answers', () => {
  it('gzips an answer over 1 KB for a client that accepts gzip, with its exact length', async () => {
    const res = await pushWith('gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
    const body = await bytes(res);
    expect(Number(res.headers.get('content-length'))).toBe(body.byteLength);
    const answer = PushResponse.parse(JSON.parse(gunzipSync(body).toString('utf8')));
    expect(answer.results.every((r) => r.status === 'accepted')).toBe(true);
    expect(body.byteLength).toBeLessThan(gunzipSync(body).byteLength / 2);
  });

  it('sends the plain text to a client that does not accept gzip', async () => {
    for (const accept of [null, 'identity', 'gzip;q=0']) {
      const res = await pushWith(accept);
      expect(res.headers.get('content-encoding')).toBeNull();
      const body = await bytes(res);
      expect(Number(res.headers.get('content-length'))).toBe(body.byteLength);
      expect(PushResponse.safeParse(JSON.parse(new TextDecoder().decode(body))).success).toBe(true);
    }
  });

  it('leaves a small answer uncompressed', async () => {
    const res = await t.app.request(url('/api/health'), { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect((await res.json()) as unknown).toBeTruthy();
  });

  it('gzips a large answer off the event loop, and streams other bodies', async () => {
    const app = new Hono().use(compress({ maxSyncBytes: 2048 }));
    const items = Array.from({ length: 500 }, (_, i) => ({ i, text: 'a reading of the step' }));
    app.get('/json', (c) => c.json({ items }));
    app.get('/text', (c) => c.text('plain text '.repeat(500)));
    const json = await app.request('/json', { headers: { 'accept-encoding': 'gzip' } });
    expect(json.headers.get('content-encoding')).toBe('gzip');
    const body = await bytes(json);
    expect(Number(json.headers.get('content-length'))).toBe(body.byteLength);
    expect(JSON.parse(gunzipSync(body).toString('utf8'))).toEqual({ items });
    const text = await app.request('/text', { headers: { 'accept-encoding': 'gzip' } });
    expect(text.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(await bytes(text)).toString('utf8')).toBe('plain text '.repeat(500));
  });

  it('reads Accept-Encoding as HTTP defines it', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('deflate, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('gzip; q=0.000')).toBe(false);
    expect(acceptsGzip('br, deflate')).toBe(false);
    expect(acceptsGzip('x-gzip')).toBe(false);
    expect(acceptsGzip('gzip;q=0, *')).toBe(false);
    expect(acceptsGzip('br, *;q=0.1')).toBe(true);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('')).toBe(false);
  });
});
