/**
 * Guards against a device skipping a SOP version when two publishes commit out of order.
 * With a plain sequence, publish B could take cursor 6, commit, be pulled (device cursor
 * = 6), and only then A commit with cursor 5: the device would never see A. The pull
 * cursor comes from a per-organisation counter bumped inside the publish transaction,
 * whose row lock makes B wait for A. On PostgreSQL this runs two real concurrent
 * transactions; PGlite has one connection, so there the publishes are sequential.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Transaction } from '../../src/server/db/connect.ts';
import { DEMO_ORG_ID } from '../../src/server/seed.ts';
import { createSop, publishVersion } from '../../src/server/sops/publish.ts';
import { PullResponse } from '../../src/shared/sync.ts';
import { uuidv7 } from '../../src/shared/uuid.ts';
import { FIXTURE_CONTENT, openTestDatabase, type TestDatabase } from '../support/server-db.ts';
import { url } from './http.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

async function pullAll(cursor: string): Promise<{ sopIds: string[]; cursor: string }> {
  const res = await t.app.request(url(`/api/sync/pull?cursor=${cursor}`));
  const page = PullResponse.parse(await res.json());
  return { sopIds: page.items.map((i) => i.sop.id), cursor: page.cursor };
}

const publishNew = async (tx: Transaction, sopId: string) => {
  await createSop(tx, { orgId: DEMO_ORG_ID, id: sopId, title: { en: sopId }, category: 'operational' });
  return publishVersion(tx, { orgId: DEMO_ORG_ID, sopId, version: 1, content: FIXTURE_CONTENT, changeNote: 'v1' });
};

/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('two publishes committing out of order', () => {
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'PostgreSQL: the later publish waits for the earlier one; a device pulling in between and after gets both',
    async () => {
      const start = await pullAll('0');
      const [a, b] = [uuidv7(), uuidv7()];
      const releaseA = gate();
      const aPublished = gate();
      let bReturned = false;
      const txA = t.db.transaction(async (tx) => {
        const cursor = await publishNew(tx, a);
        aPublished.open();
        await releaseA.opened;
        return cursor;
      });
      await aPublished.opened;
      const txB = t.db.transaction(async (tx) => {
        const cursor = await publishNew(tx, b);
        bReturned = true;
        return cursor;
      });
      // B tries to commit first, but cannot take a cursor while A holds the counter.
      await new Promise((r) => setTimeout(r, 300));
      expect(bReturned).toBe(false);
      const between = await pullAll(start.cursor);
      expect(between.sopIds).toEqual([]);
      releaseA.open();
      const [cursorA, cursorB] = await Promise.all([txA, txB]);
      expect(cursorB).toBe(cursorA + 1);
      const after = await pullAll(between.cursor);
      expect(after.sopIds).toEqual([a, b]);
    },
  );

  it('PGlite and PostgreSQL: a device pulling between two publishes and after receives both', async () => {
    const start = await pullAll('0');
    const [a, b] = [uuidv7(), uuidv7()];
    await t.db.transaction((tx) => publishNew(tx, a));
    const between = await pullAll(start.cursor);
    expect(between.sopIds).toEqual([a]);
    await t.db.transaction((tx) => publishNew(tx, b));
    const after = await pullAll(between.cursor);
    expect(after.sopIds).toEqual([b]);
  });
});
