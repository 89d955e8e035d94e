/**
 * The sync epoch after a restore (issue item 7). Guards against devices trusting a
 * restored database: renewing the epoch (what `--new-epoch` / FIELDBOOK_NEW_EPOCH=1 does
 * at start) changes what push, pull and health report, and keeps the data. The last test
 * starts the real server process twice on one data directory (always PGlite).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEpoch, renewEpoch } from '../../src/server/db/server-meta.ts';
import { CSRF_HEADER, CSRF_VALUE } from '../../src/shared/auth.ts';
import { Health, PullResponse, PushResponse } from '../../src/shared/sync.ts';
import { uuidv7 } from '../../src/shared/uuid.ts';
import { startServer } from '../support/server-process.ts';
import { openTestDatabase, type TestDatabase } from '../support/server-db.ts';
import { push, pushBody, url } from './http.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

const health = async (base: string) => Health.parse(await (await fetch(`${base}/api/health`)).json());

describe('renewing the epoch', () => {
  it('changes the epoch every answer carries, and nothing else', async () => {
    const before = await readEpoch(t.db);
    const renewed = await renewEpoch(t.db);
    expect(renewed).not.toBe(before);
    expect(renewed).toMatch(/^[0-9a-f-]{36}$/);
    expect((await push(t.app, [])).epoch).toBe(renewed);
    const pulled = PullResponse.parse(await (await t.app.request(url('/api/sync/pull'))).json());
    expect(pulled).toMatchObject({ epoch: renewed });
    expect(pulled.items.length).toBeGreaterThan(0);
  });

  it('FIELDBOOK_NEW_EPOCH=1 renews it at start, before serving, and keeps the data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fieldbook-epoch-'));
    try {
      const first = await startServer({ dataDir });
      const oldEpoch = (await health(first.url)).epoch;
      // The session lives in the database: it survives the restart.
      const cookie = await first.signIn('technician');
      const pullItems = async (base: string) =>
        PullResponse.parse(await (await fetch(`${base}/api/sync/pull`, { headers: { cookie } })).json()).items;
      const before = await pullItems(first.url);
      expect(before.length).toBeGreaterThan(0);
      const pushed = await fetch(`${first.url}/api/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, [CSRF_HEADER]: CSRF_VALUE },
        body: JSON.stringify(pushBody([], { deviceId: uuidv7() })),
      });
      expect(PushResponse.parse(await pushed.json()).epoch).toBe(oldEpoch);
      await first.stop();
      const restored = await startServer({ dataDir, env: { FIELDBOOK_NEW_EPOCH: '1' } });
      try {
        expect(restored.output()).toMatch(/sync epoch renewed/);
        const now = await health(restored.url);
        expect(now.epoch).not.toBe(oldEpoch);
        expect(await pullItems(restored.url)).toEqual(before);
      } finally {
        await restored.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
