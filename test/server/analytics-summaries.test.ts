/**
 * The analytics summaries (migration analytics_stats: duration buckets, flag counts,
 * Mann–Whitney rank sums and tie terms) stay what a recount from the rows gives, whatever
 * reaches the rows: pushes in any order, bulk inserts, updates, deletes, two writers at
 * once; and the answers read from them equal the shared functions on histories full of
 * equal durations, where the tie terms matter.
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../src/server/db/connect.ts';
import { DEMO_ORG_ID } from '../../src/server/seed.ts';
import { pushHistory, type RunSpec, T0, tiedRunSpec, USERS } from '../support/analytics-data.ts';
import { expectComparisonMatches, expectReportMatches } from '../support/analytics-expect.ts';
import { IDS } from '../support/events.ts';
import { openTestDatabase, publishFixtureSop, type TestDatabase } from '../support/server-db.ts';
import { push } from './http.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

/** Every summary row, in key order, numbers as text. */
async function summaries(db: Queryable): Promise<unknown[]> {
  const tables = [
    'select * from analytics_duration_buckets order by org_id, sop_id, measure, step_id, sop_version, bucket, user_id, training',
    'select * from analytics_flag_counts order by org_id, sop_id, step_id, sop_version, user_id, training, category',
    'select org_id, sop_id, measure, step_id, sop_version, tie_term::text from analytics_rank_ties order by 1, 2, 3, 4, 5',
    'select org_id, sop_id, measure, step_id, version_a, version_b, u2::text, ties_cross::text from analytics_rank_pairs order by 1, 2, 3, 4, 5, 6',
  ];
  const rows = [];
  for (const q of tables) rows.push(((await db.execute(sql.raw(q))) as unknown as { rows: unknown[] }).rows);
  return rows;
}

async function expectSummariesRecounted(): Promise<void> {
  await t.derived();
  const kept = await summaries(t.db);
  await t.db.execute(sql`select analytics_rebuild_stats()`);
  expect(kept).toEqual(await summaries(t.db));
}

describe('duration buckets', () => {
  it('are ordered, and each floor is the smallest duration of its bucket and of its sixteenth', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.integer({ min: -1000, max: 2_000_000 }), fc.integer({ min: 0, max: 3e12 })), {
          minLength: 1,
          maxLength: 200,
        }),
        async (durations) => {
          const [row] = (
            (await t.db.execute(sql`
              with d as (
                select x from unnest(${`{${durations.join(',')}}`}::bigint[]) as x
                union select b + k from unnest(analytics_bucket_bounds()) as b, (values (-1), (0), (1)) as o(k)
              ), f as (
                select x, analytics_bucket(x) as b, analytics_fine_bucket(x) as fine, analytics_fine_floor(x) as floor from d
              )
              select count(*) filter (where not (
                analytics_bucket_floor(b) <= x
                and (analytics_bucket_floor(b + 1) < analytics_bucket_floor(b) or x < analytics_bucket_floor(b + 1))
                and floor <= x and analytics_fine_bucket(floor) = fine
                and (floor = analytics_bucket_floor(0) or analytics_fine_bucket(floor - 1) < fine)
              ))::int as wrong,
              count(*) filter (where fine < previous)::int as unordered
              from (select *, lag(fine) over (order by x) as previous from f) ordered`)) as unknown as {
              rows: { wrong: number; unordered: number }[];
            }
          ).rows;
          expect(row).toEqual({ wrong: 0, unordered: 0 });
        },
      ),
      { numRuns: 20 },
    );
  });
});

/**
 * The triggers update the rank sums one changed duration at a time, or recount a series
 * when most of it changed (analytics_recount); each way is tested alone by replacing that
 * choice for the block.
 */
const WAYS = [
  ['as the triggers choose', null],
  ['one changed duration at a time', 'false'],
  ['recounting every changed series', 'true'],
] as const;

describe.each(WAYS)('summaries kept %s', (_way, always) => {
  let original = '';
  beforeAll(async () => {
    const result = (await t.db.execute(
      sql`select pg_get_functiondef('analytics_recount(numeric, numeric)'::regprocedure) as def`,
    )) as unknown as { rows: { def: string }[] };
    original = result.rows[0]?.def ?? '';
    if (always !== null) {
      await t.db.execute(
        sql.raw(`create or replace function analytics_recount(changed numeric, total numeric) returns boolean
          language sql immutable as $$ select ${always} $$`),
      );
    }
  });
  afterAll(async () => {
    await t.db.execute(sql.raw(original));
  });

  it('report and comparisons equal the shared functions on histories full of ties', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tiedRunSpec, { minLength: 1, maxLength: 30 }), async (specs) => {
        const { sopId } = await pushHistory(t, specs);
        await expectReportMatches(t, sopId, {});
        await expectReportMatches(t, sopId, { version: '2' });
        await expectReportMatches(t, sopId, { person: USERS[0], training: 'regular' });
        await expectComparisonMatches(t, sopId, 1, 2);
        await expectComparisonMatches(t, sopId, 2, 1);
        await expectComparisonMatches(t, sopId, 1, 1);
      }),
      { numRuns: 6 },
    );
    await expectSummariesRecounted();
  });

  it('through late, duplicated and reordered pushes, also after runs completed', async () => {
    const specs = fc.sample(fc.array(tiedRunSpec, { minLength: 20, maxLength: 20 }), { seed: 7, numRuns: 1 })[0];
    const { sopId, events } = await pushHistory(t, (specs as RunSpec[]).slice(0, 10));
    const messy = [...events].reverse().flatMap((e, i) => (i % 3 === 0 ? [e, e] : [e]));
    for (let i = 0; i < messy.length; i += 29) await push(t.app, messy.slice(i, i + 29));
    // A run completes, then some of its events arrive late: its rows are replaced, durations and flags change.
    const late = await pushHistory(t, (specs as RunSpec[]).slice(10), (i) => i > 0 && i % 4 === 2);
    await push(t.app, [...late.held].reverse());
    await expectSummariesRecounted();
    for (const id of [sopId, late.sopId]) {
      await expectReportMatches(t, id, {});
      await expectComparisonMatches(t, id, 1, 2);
    }
  });

  it('through bulk inserts, then updates and deletes of single rows', async () => {
    const sopId = `0190d000-0000-7000-8000-00000000010${WAYS.findIndex(([, a]) => a === always)}`;
    await publishFixtureSop(t.db, DEMO_ORG_ID, sopId, 2);
    await insertRuns(t.db, sopId, 1, 300);
    await expectSummariesRecounted();
    await expectReportMatches(t, sopId, {});
    await expectComparisonMatches(t, sopId, 1, 2);

    await t.db.execute(sql`update step_executions set duration_ms = duration_ms + 1000
      where sop_id = ${sopId} and step_id = 'b' and position = 1 and duration_ms < 3000`);
    await t.db.execute(sql`update runs set status = 'aborted' where sop_id = ${sopId} and duration_ms = 240000`);
    await t.db.execute(sql`update step_executions s set run_status = r.status from runs r
      where r.org_id = s.org_id and r.id = s.run_id and r.sop_id = ${sopId}`);
    await t.db.execute(sql`delete from step_executions where sop_id = ${sopId} and duration_ms = 5000`);
    await t.db.execute(sql`delete from step_executions where sop_id = ${sopId} and run_id in (
      select id from runs where sop_id = ${sopId} and duration_ms = 120000)`);
    await t.db.execute(sql`delete from runs where sop_id = ${sopId} and duration_ms = 120000`);
    await insertRuns(t.db, sopId, 3000, 3040);
    await expectSummariesRecounted();
    await expectReportMatches(t, sopId, {});
    await expectReportMatches(t, sopId, { version: '1', training: 'training' });
    await expectComparisonMatches(t, sopId, 2, 1);
  });
});

describe('summaries kept by concurrent writers', () => {
  it.runIf(process.env.TEST_DATABASE_URL)('by two writers at once, each seeing the other', async () => {
    const sopId = '0190d000-0000-7000-8000-000000000002';
    await publishFixtureSop(t.db, DEMO_ORG_ID, sopId, 2);
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await Promise.all([
      t.db.transaction(async (tx) => {
        await insertRuns(tx, sopId, 1, 40, 1);
        await tx.execute(sql`select pg_sleep(0.3)`);
      }),
      sleep(100).then(() => t.db.transaction((tx) => insertRuns(tx, sopId, 41, 80, 2))),
    ]);
    await expectSummariesRecounted();
    await expectComparisonMatches(t, sopId, 1, 2);
  });
});

/**
 * Runs `from`..`to` of the fixture SOP straight into the derived tables, with few distinct
 * durations (many ties), some aborted or open, some in training, flagged or errored;
 * in version `version`, or alternating 1 and 2.
 */
async function insertRuns(db: Queryable, sopId: string, from: number, to: number, version?: number) {
  const v = version === undefined ? sql`1 + g % 2` : sql`${version}::int`;
  const users = sql`(array[${sql.join(
    USERS.map((u) => sql`${u}::uuid`),
    sql`, `,
  )}])[1 + g % 3]`;
  await db.execute(sql`
    insert into runs (org_id, id, sop_id, sop_version, user_id, device_id, training, status,
      started_at, ended_at, duration_ms, active_duration_ms, flagged_steps, errored)
    select ${DEMO_ORG_ID}::uuid, md5(${sopId} || g)::uuid, ${sopId}::uuid, ${v}, ${users}, ${IDS.device}::uuid,
      g % 5 = 0, case when g % 11 = 0 then 'aborted' when g % 17 = 0 then 'in_progress' else 'completed' end,
      ${T0}::bigint + g * 3600000::bigint, ${T0}::bigint + g * 3600000::bigint + (g % 23) * 60000, (g % 23) * 60000, (g % 19) * 60000,
      case when g % 7 = 0 then 1 else 0 end, g % 7 = 0 and g % 11 <> 0 and g % 17 <> 0
    from generate_series(${from}::int, ${to}::int) as g`);
  await db.execute(sql`
    insert into step_executions (org_id, run_id, step_id, position, sop_id, sop_version, user_id, training,
      run_status, status, duration_ms, active_duration_ms, flagged, flag_categories)
    select ${DEMO_ORG_ID}::uuid, md5(${sopId} || g)::uuid, (array['a', 'b', 'c'])[p + 1], p, ${sopId}::uuid, ${v},
      ${users}, g % 5 = 0,
      case when g % 11 = 0 then 'aborted' when g % 17 = 0 then 'in_progress' else 'completed' end, 'done',
      ((g * (p + 3)) % 9) * 1000, ((g * (p + 3)) % 7) * 1000, (g % 7 = 0 and p = 1) or (g % 13 = 0 and p = 2),
      case when g % 7 = 0 and p = 1 then '["defect"]'::jsonb when g % 13 = 0 and p = 2 then '["tool", "missing_part"]'::jsonb
        else '[]'::jsonb end
    from generate_series(${from}::int, ${to}::int) as g cross join generate_series(0, 2) as p`);
}
