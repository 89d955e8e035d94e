/** The per-SOP report (GET /api/analytics/sops/:id) and the version comparison, assembled. */
import { and, desc, eq } from 'drizzle-orm';
import type { AnalyticsFilters, SopReport, VersionComparisonWire } from '../../shared/analytics-wire.ts';
import type { LocalizedText, SopVersionContent } from '../../shared/sop.ts';
import type { Queryable } from '../db/connect.ts';
import { sops, sopVersions } from '../db/schema.ts';
import { compareVersionsSql } from './compare.ts';
import { inReportSession } from './sql-rows.ts';
import { boxSql, durationsAndRates, perPersonSql, weeklyTrendSql } from './sop-stats.ts';
import { outliersSql, stepTableSql } from './sop-steps.ts';

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

async function sopReport(
  db: Queryable,
  orgId: string,
  sopId: string,
  filters: AnalyticsFilters,
): Promise<SopReport | null> {
  const sop = await readSop(db, orgId, sopId);
  if (!sop) return null;
  const title = stepTitles(sop);
  const { durations, rates } = await durationsAndRates(db, orgId, sopId, filters);
  const table = await stepTableSql(db, orgId, sopId, filters);
  return {
    sop: { id: sop.id, title: sop.title, versions: sop.versions.map((v) => v.version) },
    durations,
    rates,
    trend: await weeklyTrendSql(db, orgId, sopId, filters),
    box: await boxSql(db, orgId, sopId, filters),
    steps: table.steps.map((s) => ({ ...s, title: title(s.stepId) })),
    bottleneck: table.bottleneck,
    outliers: await outliersSql(db, orgId, sopId, filters),
    people: await perPersonSql(db, orgId, sopId, filters),
  };
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
