import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { IMMUTABLE, REVALIDATE } from '../../src/server/http/static-app.ts';
import { openTestDatabase, type TestDatabase } from '../support/server-db.ts';
import { url } from './http.ts';

let t: TestDatabase;
let dir: string;
let app: ReturnType<typeof createApp>;
const INDEX = '<!doctype html><title>Fieldbook</title>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});`;

beforeAll(async () => {
  t = await openTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'fieldbook-static-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(dir, 'manifest.webmanifest'), '{"name":"Fieldbook"}');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), SCRIPT);
  app = createApp({ db: t.db, kind: t.kind, staticDir: dir });
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('static client', () => {
  it('serves hashed assets as immutable for a year', async () => {
    const res = await app.request(url('/assets/index-abc123.js'));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(await res.text()).toBe(SCRIPT);
  });

  it.each(['/', '/index.html', '/sw.js', '/manifest.webmanifest'])('makes browsers revalidate %s', async (path) => {
    const res = await app.request(url(path));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(REVALIDATE);
  });

  it('answers client-side routes with index.html', async () => {
    for (const path of ['/runs/0190a000-0000-7000-8000-000000000001', '/sops', '/deep/link?x=1']) {
      const res = await app.request(url(path));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('cache-control')).toBe(REVALIDATE);
      expect(await res.text()).toBe(INDEX);
    }
  });

  it('never answers an API route or a missing asset with the page', async () => {
    const api = await app.request(url('/api/unknown'));
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: 'not_found' });
    expect((await app.request(url('/assets/gone-000.js'))).status).toBe(404);
  });

  it('compresses what is worth compressing when the browser accepts it', async () => {
    const res = await app.request(url('/assets/index-abc123.js'), { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toBe(IMMUTABLE);
    const body = new Uint8Array(await res.arrayBuffer());
    expect(body.length).toBeLessThan(SCRIPT.length / 10);
  });

  it('still serves the API', async () => {
    expect((await app.request(url('/api/health'))).status).toBe(200);
  });
});
