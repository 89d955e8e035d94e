import { beforeEach, describe, expect, it } from 'vitest';
import { clearDatabase, db } from '../db/database.ts';
import { getMeta } from '../db/meta.ts';
import { listSops } from '../db/sops.ts';
import { fakeServer, json } from '../test-support/fake-server.ts';
import { demoItems, RECEPTION_ID } from '../test-support/sops.ts';
import { pullSops } from './pull.ts';

beforeEach(clearDatabase);

describe('pull', () => {
  it('pages until hasMore is false and stores every version with the final cursor', async () => {
    const server = fakeServer(demoItems());
    const result = await pullSops(server.fetch);
    expect(result).toEqual({ ok: true, value: { pages: 2, items: 3 } });
    expect(server.pulls).toEqual(['0', '2']);
    expect(await db.versions.count()).toBe(3);
    expect(await getMeta('pullCursor')).toBe('3');
    const sops = await listSops();
    expect(sops.find((s) => s.sop.id === RECEPTION_ID)?.latest.version).toBe(2);
  });

  it('resumes from the stored cursor', async () => {
    const server = fakeServer(demoItems());
    await pullSops(server.fetch);
    await pullSops(server.fetch);
    expect(server.pulls).toEqual(['0', '2', '3']);
  });

  it('stores nothing of a page that fails validation and keeps the cursor of the last good page', async () => {
    const server = fakeServer(demoItems());
    const good = server.fetch;
    server.fetch = async (input, init) => {
      if (input.includes('cursor=2')) {
        return json({ protocol: 1, items: [{ sop: { id: 'nope' } }], cursor: '3', hasMore: false, epoch: 'x' });
      }
      return good(input, init);
    };
    const result = await pullSops(server.fetch);
    expect(result).toEqual({ ok: false, reason: 'invalid_response', status: 200 });
    expect(await db.versions.count()).toBe(2);
    expect(await getMeta('pullCursor')).toBe('2');
  });

  it('keeps the cursor and stores nothing on an HTML answer', async () => {
    const server = fakeServer(demoItems());
    server.fetch = async () => new Response('<!doctype html><p>Login</p>', { status: 200 });
    expect(await pullSops(server.fetch)).toMatchObject({ ok: false, reason: 'not_json' });
    expect(await db.versions.count()).toBe(0);
    expect(await getMeta('pullCursor')).toBeUndefined();
  });
});
