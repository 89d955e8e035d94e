/**
 * Summaries of the derived rows that let the dashboards read exact statistics without
 * visiting every row (the SQL functions and triggers that keep them are in the migration
 * `analytics_stats`; src/server/analytics/duration-buckets.ts explains how they are read).
 *
 * A "series" is one kind of measured duration of one SOP: `measure` 0 = a step's duration
 * (`step_id` names the step), 1 = a whole run's duration (`step_id` = ''). Only what the
 * statistics count is summarised: step executions of completed runs, completed runs
 * with a duration.
 *
 * - analytics_duration_buckets: how many durations fall in each bucket (geometric, 5 %
 *   wide: analytics_bucket()), per version, person and training flag, with the sums the
 *   means and rates need. Counts merge; percentiles do not, but the k-th duration is in
 *   the bucket where the running count passes k, so reading it costs a walk of one bucket
 *   of the duration index instead of a sort of the whole series.
 * - analytics_rank_buckets: the same durations per version only, per bucket and per
 *   sixteenth of a bucket.
 * - analytics_flag_counts: flagged executions per category.
 * - analytics_rank_ties / analytics_rank_pairs: for the Mann–Whitney test between two
 *   versions, Σ(t³ − t) over groups of equal durations within a version, and for each
 *   pair of versions a < b, 2·U (U = pairs where a's duration is larger, ties ½) and the
 *   cross term of the pooled tie sum.
 *
 * Triggers on `runs` and `step_executions` apply every change in the same transaction,
 * under a per-organisation advisory lock (so two pushes never count a pair twice or not
 * at all); a TRUNCATE of either table empties its summaries. Changes are added as signed
 * deltas (ON CONFLICT DO UPDATE), so the counts carry no CHECK constraint (PostgreSQL
 * checks the proposed row, a negative delta, before merging it); instead the trigger
 * fails the transaction if a count it touched fell below zero.
 */
import { bigint, boolean, integer, numeric, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';

export const analyticsDurationBuckets = pgTable(
  'analytics_duration_buckets',
  {
    orgId: uuid('org_id').notNull(),
    sopId: uuid('sop_id').notNull(),
    measure: smallint('measure').notNull(),
    stepId: text('step_id').notNull(),
    sopVersion: integer('sop_version').notNull(),
    bucket: integer('bucket').notNull(),
    userId: uuid('user_id').notNull(),
    training: boolean('training').notNull(),
    n: integer('n').notNull(),
    /** Flagged step executions, or errored runs. */
    bad: integer('bad').notNull(),
    positionSum: bigint('position_sum', { mode: 'number' }).notNull(),
    durationSum: bigint('duration_sum', { mode: 'number' }).notNull(),
    /** Σ coalesce(active duration, 0). */
    activeSum: bigint('active_sum', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.sopId, t.measure, t.stepId, t.sopVersion, t.bucket, t.userId, t.training] }),
  ],
);

/**
 * Durations per version only (no person or training), at two levels: `level` 0 counts
 * them per duration bucket, level 1 per sixteenth of a bucket (analytics_fine_bucket).
 * The triggers count "durations of version v below x" from these — the buckets below x's,
 * the sixteenths below x's within its bucket — and a walk of one sixteenth, to keep the
 * rank sums.
 */
export const analyticsRankBuckets = pgTable(
  'analytics_rank_buckets',
  {
    orgId: uuid('org_id').notNull(),
    sopId: uuid('sop_id').notNull(),
    measure: smallint('measure').notNull(),
    stepId: text('step_id').notNull(),
    sopVersion: integer('sop_version').notNull(),
    level: smallint('level').notNull(),
    bucket: integer('bucket').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.sopId, t.measure, t.stepId, t.sopVersion, t.level, t.bucket] })],
);

export const analyticsFlagCounts = pgTable(
  'analytics_flag_counts',
  {
    orgId: uuid('org_id').notNull(),
    sopId: uuid('sop_id').notNull(),
    stepId: text('step_id').notNull(),
    sopVersion: integer('sop_version').notNull(),
    userId: uuid('user_id').notNull(),
    training: boolean('training').notNull(),
    category: text('category').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.sopId, t.stepId, t.sopVersion, t.userId, t.training, t.category] })],
);

export const analyticsRankTies = pgTable(
  'analytics_rank_ties',
  {
    orgId: uuid('org_id').notNull(),
    sopId: uuid('sop_id').notNull(),
    measure: smallint('measure').notNull(),
    stepId: text('step_id').notNull(),
    sopVersion: integer('sop_version').notNull(),
    /** Σ(t³ − t) over the groups of t equal durations of this version. */
    tieTerm: numeric('tie_term').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.sopId, t.measure, t.stepId, t.sopVersion] })],
);

export const analyticsRankPairs = pgTable(
  'analytics_rank_pairs',
  {
    orgId: uuid('org_id').notNull(),
    sopId: uuid('sop_id').notNull(),
    measure: smallint('measure').notNull(),
    stepId: text('step_id').notNull(),
    /** version_a < version_b. */
    versionA: integer('version_a').notNull(),
    versionB: integer('version_b').notNull(),
    /** 2·U of version a against b (an integer: ties count ½). */
    u2: numeric('u2').notNull(),
    /** Σ over durations d of a(d)·b(d)·(a(d) + b(d)), with a(d), b(d) the counts of d in each version. */
    tiesCross: numeric('ties_cross').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.sopId, t.measure, t.stepId, t.versionA, t.versionB] })],
);
