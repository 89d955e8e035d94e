/**
 * Dashboard query benchmarks: overview, per-SOP report, per-step table and version
 * comparison, at 10 k and 100 k step executions on PGlite and on PostgreSQL (and 1 M on
 * PostgreSQL when it is reachable), p50 and p95 of repeated calls. The derived rows are
 * generated in SQL (generate_series: ten steps per run, two versions, eight people),
 * which is what ingest would leave behind, without paying for ingest itself; the
 * analytics summaries are built by their triggers from those inserts (the time is
 * reported), then VACUUM ANALYZE leaves the tables as autovacuum would. Also the
 * per-SOP report with a 12-week period (read from the rows, not the summaries), and
 * the gzipped JavaScript of the analytics routes, apart from the runner's.
 *
 * Set ANALYTICS_BENCH_PG=postgres://… (default: the local test server) or
 * ANALYTICS_BENCH_1M=0 to skip the million.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { readOverview } from '../../src/server/analytics/overview.ts';
import { readComparison, readSopReport } from '../../src/server/analytics/sop-report.ts';
import { runSummaryStats, stepTableSummary } from '../../src/server/analytics/sop-summary.ts';
import { type DatabaseHandle, MEMORY, openDatabase, type Queryable } from '../../src/server/db/connect.ts';
import { prepareDatabase } from '../../src/server/db/prepare.ts';
import { diagnosisV2 } from '../../src/server/demo/history-cast.ts';
import { DEMO_ORG_ID, demoSopId } from '../../src/server/seed.ts';
import { publishVersion } from '../../src/server/sops/publish.ts';
import type { BenchEntry } from './results.ts';

const STEPS_PER_RUN = 10;
const SOP = demoSopId('diagnosis');
const PG_URL = process.env.ANALYTICS_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Derived rows for `runs` runs of the diagnosis (SQL only: fast on both engines). */
async function generateRows(db: Queryable, runs: number): Promise<void> {
  await db.execute(sql`
    insert into runs (org_id, id, sop_id, sop_version, user_id, device_id, training, status,
      started_at, ended_at, duration_ms, active_duration_ms, flagged_steps, errored)
    select ${DEMO_ORG_ID}::uuid, md5('run' || g)::uuid, ${SOP}::uuid, 1 + g % 2, md5('user' || g % 8)::uuid,
      md5('device' || g % 8)::uuid, g % 13 = 0, case when g % 31 = 0 then 'aborted' else 'completed' end,
      1700000000000 + g * 600000, 1700000000000 + g * 600000 + 3000000 + (g * 7919) % 2000000,
      3000000 + (g * 7919) % 2000000 - (g % 2) * 900000, 2900000 + (g * 7919) % 2000000 - (g % 2) * 900000,
      case when g % 9 = 0 then 1 else 0 end, g % 9 = 0
    from generate_series(1::bigint, ${runs}) as g`);
  await db.execute(sql`
    insert into step_executions (org_id, run_id, step_id, position, sop_id, sop_version, user_id, training,
      run_status, status, duration_ms, active_duration_ms, flagged, flag_categories)
    select ${DEMO_ORG_ID}::uuid, md5('run' || g)::uuid, 's' || p, p, ${SOP}::uuid, 1 + g % 2, md5('user' || g % 8)::uuid,
      g % 13 = 0, case when g % 31 = 0 then 'aborted' else 'completed' end, 'done',
      (g * (p + 7)) % 600000 + p * 30000, (g * (p + 7)) % 600000 + p * 30000, g % 9 = 0 and p = 3,
      case when g % 9 = 0 and p = 3 then '["defect"]'::jsonb else '[]'::jsonb end
    from generate_series(1::bigint, ${runs}) as g cross join generate_series(0, ${STEPS_PER_RUN - 1}) as p`);
  await db.execute(
    sql`vacuum analyze runs, step_executions, analytics_duration_buckets, analytics_flag_counts, analytics_rank_pairs, analytics_rank_ties`,
  );
}

async function timed(repeat: number, call: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await call();
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    await call();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] ?? 0;
  return { p50: at(0.5), p95: at(0.95) };
}

const REPEAT = 20;
const FIRST_START = 1700000000000;
const RUN_SPACING_MS = 600000;
const TWELVE_WEEKS_MS = 84 * 86_400_000;
const isoDay = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);

/** The dashboard calls measured; `runs` is the size of the generated history. */
async function dashboardQueries(db: Queryable, runs: number): Promise<Record<string, () => Promise<unknown>>> {
  const { durations } = await runSummaryStats(db, DEMO_ORG_ID, SOP, {});
  const last = FIRST_START + runs * RUN_SPACING_MS;
  const period = { from: isoDay(Math.max(FIRST_START, last - TWELVE_WEEKS_MS)), to: isoDay(last) };
  return {
    overview: () => readOverview(db, DEMO_ORG_ID),
    sop: () => readSopReport(db, DEMO_ORG_ID, SOP, {}),
    steps: () => stepTableSummary(db, DEMO_ORG_ID, SOP, {}, durations.medianMs),
    compare: () => readComparison(db, DEMO_ORG_ID, SOP, 1, 2),
    'sop-12-weeks': () => readSopReport(db, DEMO_ORG_ID, SOP, period),
  };
}

async function benchSize(handle: DatabaseHandle, engine: string, stepRows: number): Promise<BenchEntry[]> {
  const { db } = handle;
  await db.execute(sql`truncate runs, step_executions`);
  const label = stepRows >= 1_000_000 ? `${stepRows / 1_000_000}M` : `${stepRows / 1000}k`;
  const t0 = performance.now();
  await generateRows(db, stepRows / STEPS_PER_RUN);
  const entries: BenchEntry[] = [
    {
      id: `analytics-generate-${engine}-${label}`,
      value: performance.now() - t0,
      unit: 'ms',
      budget: null,
      better: 'lower',
    },
  ];
  const queries = await dashboardQueries(db, stepRows / STEPS_PER_RUN);
  for (const [name, query] of Object.entries(queries)) {
    const { p50, p95 } = await timed(REPEAT, query);
    const budget = engine === 'postgres' && name !== 'sop-12-weeks' ? 200 : null;
    entries.push({
      id: `analytics-${name}-${engine}-${label}-p50`,
      value: p50,
      unit: 'ms',
      budget: null,
      better: 'lower',
    });
    entries.push({ id: `analytics-${name}-${engine}-${label}-p95`, value: p95, unit: 'ms', budget, better: 'lower' });
  }
  return entries;
}

async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const name = `fieldbook_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  } catch {
    return null;
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const drop = async () => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  };
  return { url: url.toString(), drop };
}

async function benchEngine(handle: DatabaseHandle, engine: string, sizes: number[]): Promise<BenchEntry[]> {
  await prepareDatabase(handle, { demo: true });
  await handle.db.transaction((tx) =>
    publishVersion(tx, { orgId: DEMO_ORG_ID, sopId: SOP, version: 2, content: diagnosisV2, changeNote: 'bench' }),
  );
  const entries: BenchEntry[] = [];
  for (const size of sizes) entries.push(...(await benchSize(handle, engine, size)));
  return entries;
}

/** Gzipped JS of the analytics chunks in dist/ (the runner's first route is measured in bundle.ts). */
function analyticsBundle(): BenchEntry[] {
  const assets = join(import.meta.dirname, '../../dist/assets');
  const files = readdirSync(assets).filter(
    (f) =>
      f.endsWith('.js') &&
      /^(analytics|OverviewScreen|SopAnalyticsScreen|CompareScreen|RunTimelineScreen|OnboardingScreen)-/.test(f),
  );
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length, 0);
  return [{ id: 'analytics-routes-js-gzip', value: bytes / 1024, unit: 'KB', budget: 30, better: 'lower' }];
}

export async function analyticsBenchmarks(): Promise<BenchEntry[]> {
  return [...analyticsBundle(), ...(await dashboardBenchmarks())];
}

/** The dashboard queries on PGlite, then on PostgreSQL when it is reachable. */
export async function dashboardBenchmarks(): Promise<BenchEntry[]> {
  const entries: BenchEntry[] = [];
  const lite = await openDatabase({ dataDir: MEMORY });
  await lite.migrate();
  try {
    entries.push(...(await benchEngine(lite, 'pglite', [10_000, 100_000])));
  } finally {
    await lite.close();
  }
  const created = await freshPostgres();
  if (!created) return entries;
  const handle = await openDatabase({ databaseUrl: created.url });
  try {
    await handle.migrate();
    const sizes = process.env.ANALYTICS_BENCH_1M === '0' ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
    entries.push(...(await benchEngine(handle, 'postgres', sizes)));
  } finally {
    await handle.close();
    await created.drop();
  }
  return entries;
}
