/**
 * Derivation after the push (src/server/sync/derive-queue.ts, deriver.ts): a push only
 * queues its runs; a read of derived rows derives what is queued first; the background
 * deriver empties the queue organisation by organisation; a run that cannot be derived
 * holds up neither pushes nor other runs.
 */
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { queryRows } from '../../src/server/analytics/sql-rows.ts';
import { runs } from '../../src/server/db/schema.ts';
import { users } from '../../src/server/db/schema-accounts.ts';
import { DEMO_ORG_ID } from '../../src/server/seed.ts';
import { Deriver } from '../../src/server/sync/deriver.ts';
import type { RunEvent } from '../../src/shared/events.ts';
import { uuidv7 } from '../../src/shared/uuid.ts';
import { addOrganisation, appAs, type Member } from '../support/accounts.ts';
import { IDS, RunBuilder } from '../support/events.ts';
import { type TestDatabase, useFixtureDatabase, publishFixtureSop } from '../support/server-db.ts';
import { push, statuses, url } from './http.ts';

let t: TestDatabase;
useFixtureDatabase((opened) => {
  t = opened;
});

/** The queued run ids, oldest first. */
const queued = async () =>
  (await queryRows(t.db, sql`select run_id from derive_queue order by id`)).map((r) => r.run_id);

const derivedRuns = () => t.db.select({ id: runs.id, status: runs.status }).from(runs);

/**
 * The test app, as `member` (by default the demo organisation's owner), with a deriver
 * that never runs: only reads derive, so the queue can be watched.
 */
async function appWithoutBackground(member?: Member) {
  const idle = new Deriver(t.db);
  await idle.stop();
  const app = createApp({ db: t.db, kind: t.kind, deriver: idle });
  if (member) return appAs(app, t.db, member);
  const [owner] = await t.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, DEMO_ORG_ID), eq(users.role, 'owner')));
  if (!owner) throw new Error('no owner');
  return appAs(app, t.db, { orgId: DEMO_ORG_ID, userId: owner.id });
}

const completedRun = (runId: string = uuidv7(), at = 1_700_000_000_000, deviceSeq = 1): RunEvent[] =>
  new RunBuilder(at, runId, deviceSeq).start().step('a', 1_000).step('b', 2_000).step('c', 3_000).complete().events;

describe('a push', () => {
  it('queues the runs it stored events for, and derives nothing itself', async () => {
    const app = await appWithoutBackground();
    const first = completedRun(IDS.run);
    const res = await push(app, first.slice(0, 4));
    expect(statuses(res)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    await push(app, first.slice(4));
    expect(await queued()).toEqual([IDS.run, IDS.run]);
    expect(await derivedRuns()).toEqual([]);
  });

  it('queues nothing for events it did not store (duplicates, rejections)', async () => {
    const app = await appWithoutBackground();
    const events = completedRun(IDS.run);
    await push(app, events);
    await t.db.execute(sql`delete from derive_queue`);
    expect(statuses(await push(app, [...events, { not: 'an event' }]))).toEqual([
      ...events.map(() => 'duplicate'),
      'rejected:invalid_event',
    ]);
    expect(await queued()).toEqual([]);
  });
});

describe('a read of derived rows', () => {
  it('derives what is queued first, so it sees every acknowledged event', async () => {
    const app = await appWithoutBackground();
    const events = completedRun(IDS.run);
    await push(app, events.slice(0, 3));
    await push(app, events.slice(3));
    const res = await app.request(url(`/api/runs/${IDS.run}`));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: IDS.run, status: 'completed', durationMs: 6_000 });
    expect(await queued()).toEqual([]);
  });

  it('counts queued runs in the analytics', async () => {
    const app = await appWithoutBackground();
    const anHourAgo = Date.now() - 3_600_000;
    await push(app, [...completedRun(uuidv7(), anHourAgo), ...completedRun(uuidv7(), anHourAgo + 60_000, 100)]);
    const res = await app.request(url(`/api/analytics/sops/${IDS.sop}`));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ durations: { completed: 2, medianMs: 6_000 } });
    expect(await queued()).toEqual([]);
  });
});

describe('the background deriver', () => {
  it('derives the queue of every organisation, each in its own tenant scope', async () => {
    const other = await addOrganisation(t.db);
    const otherSop = uuidv7();
    await publishFixtureSop(t.db, other.orgId, otherSop);
    const app = await appWithoutBackground();
    await push(app, completedRun(IDS.run));
    const otherRun = new RunBuilder(1_700_000_000_000, uuidv7(), 1)
      .start({ sopId: otherSop, userId: other.userId })
      .step('a', 500)
      .complete().events;
    const otherApp = await appWithoutBackground(other);
    expect(statuses(await push(otherApp, otherRun))).toEqual(otherRun.map(() => 'accepted'));
    expect(await queued()).toHaveLength(2);

    await new Deriver(t.db).drain();
    expect(await queued()).toEqual([]);
    const derived = await t.db.select({ orgId: runs.orgId, id: runs.id, status: runs.status }).from(runs);
    expect(derived.sort((a, b) => a.orgId.localeCompare(b.orgId))).toEqual(
      [
        { orgId: DEMO_ORG_ID, id: IDS.run, status: 'completed' },
        { orgId: other.orgId, id: otherRun[0]?.runId, status: 'completed' },
      ].sort((a, b) => a.orgId.localeCompare(b.orgId)),
    );
  });

  it('is woken by a push once it commits', async () => {
    await push(t.app, completedRun(IDS.run));
    await vi.waitFor(async () => expect(await derivedRuns()).toEqual([{ id: IDS.run, status: 'completed' }]));
    await t.derived();
    expect(await queued()).toEqual([]);
  });
});

describe('a run that cannot be derived', () => {
  it('holds up neither the push nor the other runs, stays queued, and is derived once it can be', async () => {
    const broken = uuidv7();
    await t.db.execute(sql`CREATE OR REPLACE FUNCTION fb_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.id = ${sql.raw(`'${broken}'`)}::uuid THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`);
    await t.db.execute(
      sql`CREATE TRIGGER fb_test_fail BEFORE INSERT ON runs FOR EACH ROW EXECUTE FUNCTION fb_test_fail()`,
    );
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = await appWithoutBackground();
    const fine = uuidv7();
    try {
      const res = await push(app, [...completedRun(broken), ...completedRun(fine, 1_700_000_100_000, 100)]);
      expect(res.results.every((r) => r.status === 'accepted')).toBe(true);

      const deriver = new Deriver(t.db, { log: (message) => console.error(message) });
      await deriver.drain();
      expect(await derivedRuns()).toEqual([{ id: fine, status: 'completed' }]);
      expect(await queued()).toEqual([broken]);
      expect(logged).toHaveBeenCalledWith(expect.stringContaining(`run ${broken} could not be derived`));

      // A read answers from the rows as they are (the failure is logged, not a 500).
      expect((await app.request(url(`/api/runs/${broken}`))).status).toBe(404);
      expect((await app.request(url(`/api/runs/${fine}`))).status).toBe(200);
    } finally {
      logged.mockRestore();
      await t.db.execute(sql`DROP TRIGGER fb_test_fail ON runs`);
    }
    const res = await app.request(url(`/api/runs/${broken}`));
    expect(res.status).toBe(200);
    expect(await queued()).toEqual([]);
    expect(await t.db.select({ id: runs.id }).from(runs).where(eq(runs.id, broken))).toHaveLength(1);
  });

  it('when the database fails, the deriver logs it and derives on the next wake', async () => {
    const app = await appWithoutBackground();
    await push(app, completedRun(IDS.run));
    await t.db.execute(sql`ALTER TABLE step_executions RENAME TO step_executions_away`);
    const messages: string[] = [];
    const deriver = new Deriver(t.db, { log: (message) => messages.push(message) });
    try {
      await deriver.drain();
      expect(await queued()).toEqual([IDS.run]);
      expect(messages.some((m) => m.includes('could not be derived') || m.includes('retrying'))).toBe(true);
    } finally {
      await t.db.execute(sql`ALTER TABLE step_executions_away RENAME TO step_executions`);
    }
    await new Deriver(t.db).drain();
    expect(await derivedRuns()).toEqual([{ id: IDS.run, status: 'completed' }]);
    await deriver.stop();
  });
});
