/**
 * The per-SOP report (GET /api/analytics/sops/:id) and the version comparison, assembled.
 * A report without a period reads the summaries (sop-summary.ts); with one, the rows of
 * that period (sop-stats.ts, sop-steps.ts): both give the numbers of design.md.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { PersonRow, StepRow } from '../../shared/analytics.ts';
import type { AnalyticsFilters, SopReport, VersionComparisonWire } from '../../shared/analytics-wire.ts';
import type { LocalizedText, SopVersionContent } from '../../shared/sop.ts';
import type { Queryable } from '../db/connect.ts';
import { sops, sopVersions } from '../db/schema.ts';
import { people } from '../db/schema-analytics.ts';
import { compareVersionsSql } from './compare.ts';
import { hasPeriod } from './filters.ts';
import { activePercentilesSql, boxSql, durationsAndRates, perPersonSql, weeklyTrendSql } from './sop-stats.ts';
import { outliersSql, stepTableSql } from './sop-steps.ts';
import { outliersAbove, runSummaryStats, stepTableSummary } from './sop-summary.ts';
import { inReportSession } from './sql-rows.ts';

interface SopInfo {
  id: string;
  title: LocalizedText;
  versions: { version: number; content: SopVersionContent }[];
}

/** The SOP with its versions, newest first; null if the organisation has no such SOP. */
async function readSop(db: Queryable, orgId: string, sopId: string): Promise<SopInfo | null> {
  const [sop] = await db
    .select({ id: sops.id, title: sops.title })
    .from(sops)
    .where(and(eq(sops.orgId, orgId), eq(sops.id, sopId)));
  if (!sop) return null;
  const versions = await db
    .select({ version: sopVersions.version, content: sopVersions.content })
    .from(sopVersions)
    .where(and(eq(sopVersions.orgId, orgId), eq(sopVersions.sopId, sopId)))
    .orderBy(desc(sopVersions.version));
  return { ...sop, versions };
}

/** A step's title from the newest version that has it. */
function stepTitles(sop: SopInfo): (stepId: string) => LocalizedText {
  const titles = new Map<string, LocalizedText>();
  for (const v of [...sop.versions].reverse()) for (const s of v.content.steps) titles.set(s.id, s.title);
  return (stepId) => titles.get(stepId) ?? { en: stepId };
}

export async function readSopReport(
  db: Queryable,
  orgId: string,
  sopId: string,
  filters: AnalyticsFilters,
): Promise<SopReport | null> {
  return inReportSession(db, (tx) => sopReport(tx, orgId, sopId, filters));
}

type ReportBody = Omit<SopReport, 'sop' | 'steps' | 'people'> & {
  steps: StepRow[];
  people: (PersonRow & { name?: string | null })[];
};

async function sopReport(
  db: Queryable,
  orgId: string,
  sopId: string,
  filters: AnalyticsFilters,
): Promise<SopReport | null> {
  const sop = await readSop(db, orgId, sopId);
  if (!sop) return null;
  const title = stepTitles(sop);
  const body = hasPeriod(filters)
    ? await reportFromRows(db, orgId, sopId, filters)
    : await reportFromSummaries(db, orgId, sopId, filters);
  const names = await personNames(
    db,
    orgId,
    body.people.filter((p) => p.name === undefined).map((p) => p.userId),
  );
  return {
    sop: { id: sop.id, title: sop.title, versions: sop.versions.map((v) => v.version) },
    ...body,
    steps: body.steps.map((s) => ({ ...s, title: title(s.stepId) })),
    people: body.people.map((p) => ({ ...p, name: p.name ?? names.get(p.userId) ?? null })),
  };
}

/** With a period: every number from the rows of that period. */
async function reportFromRows(
  db: Queryable,
  orgId: string,
  sopId: string,
  filters: AnalyticsFilters,
): Promise<ReportBody> {
  const { durations, rates } = await durationsAndRates(db, orgId, sopId, filters);
  const table = await stepTableSql(db, orgId, sopId, filters);
  return {
    durations,
    rates,
    trend: await weeklyTrendSql(db, orgId, sopId, filters),
    box: await boxSql(db, orgId, sopId, filters),
    steps: table.steps,
    bottleneck: table.bottleneck,
    outliers: await outliersSql(db, orgId, sopId, filters),
    people: await perPersonSql(db, orgId, sopId, filters),
  };
}

/** Without one: from the summaries, plus the two row queries that their indexes keep short. */
async function reportFromSummaries(
  db: Queryable,
  orgId: string,
  sopId: string,
  filters: AnalyticsFilters,
): Promise<ReportBody> {
  const runs = await runSummaryStats(db, orgId, sopId, filters);
  const table = await stepTableSummary(db, orgId, sopId, filters, runs.durations.medianMs);
  return {
    durations: { ...runs.durations, ...(await activePercentilesSql(db, orgId, sopId, filters)) },
    rates: runs.rates,
    trend: await weeklyTrendSql(db, orgId, sopId, filters),
    box: runs.box,
    steps: table.steps,
    bottleneck: table.bottleneck,
    outliers: await outliersAbove(db, orgId, sopId, filters, runs.fences),
    people: runs.people,
  };
}

async function personNames(db: Queryable, orgId: string, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(and(eq(people.orgId, orgId), inArray(people.id, userIds)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export type ComparisonOutcome = VersionComparisonWire | 'no_sop' | 'no_version';

export async function readComparison(
  db: Queryable,
  orgId: string,
  sopId: string,
  a: number,
  b: number,
): Promise<ComparisonOutcome> {
  const sop = await readSop(db, orgId, sopId);
  if (!sop) return 'no_sop';
  const versionB = sop.versions.find((v) => v.version === b);
  if (!versionB || !sop.versions.some((v) => v.version === a)) return 'no_version';
  const title = stepTitles(sop);
  const order = versionB.content.steps.map((s) => s.id);
  const result = await inReportSession(db, (tx) => compareVersionsSql(tx, orgId, sopId, a, b, order));
  return {
    sop: { id: sop.id, title: sop.title },
    a,
    b,
    runs: result.runs,
    steps: result.steps.map((s) => ({ ...s, title: title(s.stepId) })),
  };
}
