/**
 * The analytics API's wire format (GET /api/analytics/…): the filters a client sends
 * and the JSON the server answers. The server builds its answers with these types and
 * the client validates what it receives with these schemas. Durations are whole or
 * interpolated milliseconds, rates are fractions in [0, 1], times are epoch ms, calendar
 * dates are 'YYYY-MM-DD'.
 */
import * as z from 'zod/mini';
import { LocalizedText, Uuid } from './sop.ts';

const validDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};
export const IsoDate = z
  .string()
  .check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected YYYY-MM-DD', abort: true }),
    z.refine(validDate, 'no such date'),
  );

export const TrainingFilter = z.enum(['all', 'regular', 'training']);
export type TrainingFilter = z.infer<typeof TrainingFilter>;
const smallInt = z.string().check(z.regex(/^[1-9]\d{0,5}$/, 'expected a positive integer'));

/** Filters of the per-SOP views and exports; `to` is inclusive (the whole day, UTC). */
export const AnalyticsFilters = z.object({
  from: z.optional(IsoDate),
  to: z.optional(IsoDate),
  version: z.optional(smallInt),
  person: z.optional(Uuid),
  training: z.optional(TrainingFilter),
});
export type AnalyticsFilters = z.infer<typeof AnalyticsFilters>;

export const CompareQuery = z.object({ a: smallInt, b: smallInt });
export const ExportQuery = z.extend(AnalyticsFilters, { format: z.optional(z.enum(['csv', 'excel-fr'])) });

const ms = z.nullable(z.number());
const fraction = z.nullable(z.number());

export const DurationStatsWire = z.object({
  completed: z.int(),
  aborted: z.int(),
  medianMs: ms,
  p90Ms: ms,
  meanMs: ms,
  activeMedianMs: ms,
  activeP90Ms: ms,
  activeMeanMs: ms,
});
export const RatesWire = z.object({
  completed: z.int(),
  aborted: z.int(),
  errored: z.int(),
  errorRate: fraction,
  firstPassYield: fraction,
  abandonRate: fraction,
});
export const StepRowWire = z.object({
  stepId: z.string(),
  title: LocalizedText,
  executions: z.int(),
  medianMs: ms,
  p90Ms: ms,
  share: fraction,
  flagged: z.int(),
  errorRate: fraction,
  flagsByCategory: z.record(z.string(), z.int()),
});
export const BoxWire = z.object({ minMs: ms, q1Ms: ms, medianMs: ms, q3Ms: ms, maxMs: ms, fenceMs: ms });
export const WeekWire = z.object({ weekStart: z.number(), runs: z.int(), medianMs: ms });
export const OutlierWire = z.object({
  runId: Uuid,
  sopVersion: z.int(),
  durationMs: z.number(),
  fenceMs: z.number(),
  userId: Uuid,
  startedAt: z.nullable(z.number()),
});
export const PersonRowWire = z.object({
  userId: Uuid,
  name: z.nullable(z.string()),
  completed: z.int(),
  medianMs: ms,
  errorRate: fraction,
});

export const SopReport = z.object({
  sop: z.object({ id: Uuid, title: LocalizedText, versions: z.array(z.int()) }),
  durations: DurationStatsWire,
  rates: RatesWire,
  trend: z.array(WeekWire),
  box: BoxWire,
  steps: z.array(StepRowWire),
  bottleneck: z.nullable(z.string()),
  outliers: z.array(OutlierWire),
  people: z.array(PersonRowWire),
});
export type SopReport = z.infer<typeof SopReport>;

export const GroupStatsWire = z.object({
  n: z.int(),
  medianMs: ms,
  p90Ms: ms,
  errored: z.int(),
  errorRate: fraction,
});
export const ComparisonWire = z.object({
  a: GroupStatsWire,
  b: GroupStatsWire,
  medianChange: fraction,
  errorRateChange: fraction,
  durationP: fraction,
  durationSignificant: z.boolean(),
  errorP: fraction,
  errorSignificant: z.boolean(),
});
export const VersionComparisonWire = z.object({
  sop: z.object({ id: Uuid, title: LocalizedText }),
  a: z.int(),
  b: z.int(),
  runs: ComparisonWire,
  steps: z.array(z.extend(ComparisonWire, { stepId: z.string(), title: LocalizedText })),
});
export type VersionComparisonWire = z.infer<typeof VersionComparisonWire>;

export const SopOverviewWire = z.object({
  id: Uuid,
  title: LocalizedText,
  status: z.enum(['draft', 'published', 'archived']),
  latestVersion: z.nullable(z.int()),
  lastUpdate: z.nullable(z.number()),
  reviewDue: z.nullable(z.number()),
  reviewOverdue: z.boolean(),
  completed: z.int(),
  meanMs: ms,
  medianMs: ms,
  errorRate: fraction,
  firstPassYield: fraction,
});
export const DeviceWire = z.object({
  deviceId: Uuid,
  lastSyncAt: z.number(),
  appVersion: z.string(),
  lastUser: z.nullable(z.string()),
});
export const Overview = z.object({
  now: z.number(),
  sops: z.array(SopOverviewWire),
  activeSops: z.int(),
  overdueReviews: z.int(),
  runsThisWeek: z.object({ started: z.int(), completed: z.int() }),
  onboarding: z.object({ people: z.int(), proficientPairs: z.int(), medianDaysToProficiency: fraction }),
  devices: z.array(DeviceWire),
});
export type Overview = z.infer<typeof Overview>;

export const TimelineMark = z.object({
  at: z.number(),
  kind: z.enum(['flag', 'reading', 'text', 'photo', 'decision', 'skip']),
  stepId: z.string(),
  detail: z.string(),
  outOfRange: z.boolean(),
});
export const Timeline = z.object({
  run: z.object({
    id: Uuid,
    sopId: Uuid,
    sopTitle: LocalizedText,
    sopVersion: z.int(),
    userId: Uuid,
    userName: z.nullable(z.string()),
    status: z.enum(['in_progress', 'completed', 'aborted']),
    startedAt: z.nullable(z.number()),
    durationMs: ms,
    activeDurationMs: ms,
    training: z.boolean(),
  }),
  /** Offsets from the run start on the clock-jump-corrected timeline, in ms. */
  segments: z.array(z.object({ stepId: z.string(), title: LocalizedText, start: z.number(), end: z.number() })),
  pauses: z.array(z.object({ start: z.number(), end: z.number() })),
  marks: z.array(TimelineMark),
});
export type Timeline = z.infer<typeof Timeline>;

export const CurvePointWire = z.object({
  n: z.int(),
  runId: Uuid,
  startedAt: z.number(),
  durationMs: z.number(),
  errored: z.boolean(),
  training: z.boolean(),
});
export const TrackItemWire = z.object({
  sopId: Uuid,
  title: LocalizedText,
  runs: z.int(),
  reached: z.boolean(),
  atRun: z.nullable(z.int()),
  days: z.nullable(z.int()),
  thresholdMs: ms,
  baselineMs: ms,
  teamQ1Ms: ms,
  teamQ3Ms: ms,
  curve: z.array(CurvePointWire),
});
export const PersonWire = z.object({
  id: Uuid,
  name: z.string(),
  role: z.enum(['owner', 'technician', 'new_hire']),
  startDate: IsoDate,
});
export type PersonWire = z.infer<typeof PersonWire>;
export const OnboardingTeam = z.object({
  people: z.array(z.extend(PersonWire, { track: z.array(TrackItemWire) })),
});
export type OnboardingTeam = z.infer<typeof OnboardingTeam>;

/** GET /api/analytics/people: everyone an owner may give an onboarding track. */
export const PeopleList = z.object({ people: z.array(PersonWire) });
export type PeopleList = z.infer<typeof PeopleList>;

export const PersonInput = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  role: z.enum(['owner', 'technician', 'new_hire']),
  startDate: IsoDate,
});
export const TrackInput = z.object({ sopIds: z.array(Uuid).check(z.maxLength(100)) });
