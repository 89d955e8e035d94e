/**
 * Isolation between organisations and between members, below the routes: row-level
 * security catches a query that forgets its org_id filter, forged run events are refused
 * and nothing of them is stored, and hostile input (SQL-injection strings, oversized or
 * malformed bodies) is stored verbatim or refused with a 4xx.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/analytics/sql-rows.ts';
import { withTenant } from '../../src/server/auth/tenant-scope.ts';
import { runEvents as runEventsTable, runs, sops } from '../../src/server/db/schema.ts';
import { DEFAULT_MAX_BODY_BYTES, MAX_PUSH_BODY_BYTES } from '../../src/server/http/body-limits.ts';
import { DEMO_ORG_ID, demoAccountId } from '../../src/server/seed.ts';
import { SopDetail } from '../../src/shared/sop-api.ts';
import { addMember, addOrganisation, appAs, type Member } from '../support/accounts.ts';
import { IDS, RunBuilder } from '../support/events.ts';
import { openTestDatabase, publishFixtureSop, TEST_TECHNICIAN, type TestDatabase } from '../support/server-db.ts';
import { postJson, push, pushBody, statuses, url } from './http.ts';

let t: TestDatabase;
let other: Member;
const OTHER_SOP = '0190a000-0000-7000-8000-0000000000aa';

beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.reset();
  await publishFixtureSop(t.db, DEMO_ORG_ID, IDS.sop);
  other = await addOrganisation(t.db);
  await publishFixtureSop(t.db, other.orgId, OTHER_SOP);
});

const technician = () => appAs(t.rawApp, t.db, { orgId: DEMO_ORG_ID, userId: TEST_TECHNICIAN.id });
const storedEvents = async () => (await t.db.select({ id: runEventsTable.id }).from(runEventsTable)).length;

describe('row-level security', () => {
  it('every table with an org_id column has a tenant policy', async () => {
    const rows = await queryRows(
      t.db,
      sql`select c.table_name, cl.relrowsecurity as rls
      from information_schema.columns c
      join pg_class cl on cl.relname = c.table_name and cl.relnamespace = 'public'::regnamespace
      where c.table_schema = 'public' and c.column_name = 'org_id'`,
    );
    expect(rows.length).toBeGreaterThan(15);
    expect(rows.filter((r) => r.rls !== true).map((r) => r.table_name)).toEqual([]);
  });

  it('a query that forgets its org_id filter still sees only its own organisation', async () => {
    await push(t.app, new RunBuilder().start().step('a', 1000).events);
    await t.derived();
    const seen = await withTenant(t.db, other.orgId, async (tx) => ({
      sops: await tx.select({ id: sops.id, orgId: sops.orgId }).from(sops),
      runs: await tx.select().from(runs),
      events: await queryRows(tx, sql`select count(*)::int as n from run_events`),
    }));
    expect(seen.sops).toEqual([{ id: OTHER_SOP, orgId: other.orgId }]);
    expect(seen.runs).toEqual([]);
    expect(seen.events).toEqual([{ n: 0 }]);
    // The owner connection (no tenant) sees both: the rows exist, RLS hid them.
    expect((await t.db.select().from(runs)).length).toBe(1);
  });

  it('refuses to write a row of another organisation, and a scope without a tenant sees nothing', async () => {
    await expect(
      withTenant(t.db, other.orgId, (tx) =>
        tx.update(sops).set({ status: 'archived' }).where(eq(sops.orgId, DEMO_ORG_ID)).returning({ id: sops.id }),
      ),
    ).resolves.toEqual([]);
    await expect(
      withTenant(t.db, other.orgId, (tx) =>
        tx
          .insert(sops)
          .values({ orgId: DEMO_ORG_ID, id: IDS.run, title: { en: 'x' }, category: 'operational', status: 'draft' }),
      ),
    ).rejects.toThrow();
    const none = await t.db.transaction(async (tx) => {
      await tx.execute(sql`set local role fieldbook_tenant`);
      return tx.select().from(sops);
    });
    expect(none).toEqual([]);
  });
});

describe('forged run events', () => {
  it('a run_started naming another user is refused, and nothing of the run is stored', async () => {
    const events = new RunBuilder().start({ userId: demoAccountId('owner') }).step('a', 1000).events;
    const res = await postJson(technician(), '/api/sync/push', pushBody(events));
    const body = (await res.json()) as Parameters<typeof statuses>[0];
    expect(statuses(body)).toEqual(['rejected:forbidden', 'rejected:forbidden', 'rejected:forbidden']);
    expect(await storedEvents()).toBe(0);
    await t.derived();
    expect(await t.db.select().from(runs)).toEqual([]);
  });

  it('events for another member’s run are refused and not stored', async () => {
    await push(t.app, new RunBuilder().start().events); // the test technician's run (pushed by the owner)
    const intruder = await addMember(t.db, DEMO_ORG_ID, 'technician');
    const forged = new RunBuilder(1_700_000_100_000, IDS.run, 50).emit('run_aborted', { reason: 'sabotage' }).events;
    const res = await postJson(appAs(t.rawApp, t.db, intruder), '/api/sync/push', pushBody(forged));
    const body = (await res.json()) as Parameters<typeof statuses>[0];
    expect(statuses(body)).toEqual(['rejected:forbidden']);
    expect(await storedEvents()).toBe(1);
    await t.derived();
    const [run] = await t.db.select().from(runs);
    expect(run?.status).toBe('in_progress');
  });

  it('a run of another organisation’s SOP is refused: that SOP does not exist here', async () => {
    const events = new RunBuilder().start({ sopId: OTHER_SOP }).events;
    const res = await postJson(technician(), '/api/sync/push', pushBody(events));
    const body = (await res.json()) as Parameters<typeof statuses>[0];
    expect(statuses(body)).toEqual(['rejected:unknown_sop_version']);
    expect(await storedEvents()).toBe(0);
  });

  it('the run’s own member is accepted', async () => {
    const res = await postJson(
      technician(),
      '/api/sync/push',
      pushBody(new RunBuilder().start().step('a', 500).events),
    );
    const body = (await res.json()) as Parameters<typeof statuses>[0];
    expect(statuses(body)).toEqual(['accepted', 'accepted', 'accepted']);
  });
});

describe('a technician sees only their own runs', () => {
  it('their own run is readable, a colleague’s is 404 (no hint that it exists); authors see both', async () => {
    await push(t.app, new RunBuilder().start().step('a', 1000).events);
    const colleague = await addMember(t.db, DEMO_ORG_ID, 'technician');
    expect((await technician().request(url(`/api/runs/${IDS.run}`))).status).toBe(200);
    expect((await appAs(t.rawApp, t.db, colleague).request(url(`/api/runs/${IDS.run}`))).status).toBe(404);
    expect((await t.as('author').request(url(`/api/runs/${IDS.run}`))).status).toBe(200);
    expect((await technician().request(url(`/api/analytics/runs/${IDS.run}/timeline`))).status).toBe(403);
  });
});

describe('hostile input', () => {
  it('SQL-injection strings are stored and returned verbatim', async () => {
    const title = "Robert'); DROP TABLE sops; -- \\ ' \" %_";
    const draft = (await (await t.app.request(url(`/api/sops/${IDS.sop}/draft`))).json()) as {
      revision: number;
      draft: { title: Record<string, string> };
    };
    const res = await t.app.request(url(`/api/sops/${IDS.sop}/draft`), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ revision: draft.revision, draft: { ...draft.draft, title: { en: title } } }),
    });
    expect(res.status).toBe(200);
    const detail = SopDetail.parse(await (await t.app.request(url(`/api/sops/${IDS.sop}`))).json());
    expect(detail.sop.title.en).toBe(title);
    expect((await t.db.select().from(sops)).length).toBeGreaterThan(1);
  });

  it('an oversized body is 413, malformed JSON and wrong types are 400, never 500', async () => {
    const huge = JSON.stringify(pushBody([{ pad: 'x'.repeat(MAX_PUSH_BODY_BYTES) }]));
    expect((await postJson(t.app, '/api/sync/push', huge)).status).toBe(413);
    const bigSignIn = JSON.stringify({ email: 'x@x.example', password: 'y'.repeat(DEFAULT_MAX_BODY_BYTES) });
    expect((await postJson(t.rawApp, '/api/auth/sign-in', bigSignIn)).status).toBe(413);
    expect((await postJson(t.app, '/api/invites', '{"role": ')).status).toBe(400);
    expect((await postJson(t.app, '/api/invites', { role: 42 })).status).toBe(400);
    expect((await postJson(t.rawApp, '/api/auth/sign-in', { email: ['x'], password: null })).status).toBe(403); // no CSRF header
  });
});
