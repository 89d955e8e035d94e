/**
 * The server's PostgreSQL schema (Drizzle, pg-core). drizzle-kit generates the SQL
 * migrations in ./migrations from this file.
 *
 * Tenant distribution: every table but the global `server_meta` carries `org_id` as the
 * LEADING column of its primary key and of every index, so the database can later be
 * distributed by organisation (Citus or another Postgres-wire engine) without a redesign.
 * `orgs.id` is the organisation id itself.
 *
 * `run_events` is the append-only truth; `runs` and `step_executions` are derived from it
 * (recomputed from all of a run's events after every push that touches the run, through
 * `derive_queue`), so they can always be rebuilt. Device times stay epoch milliseconds (`bigint`); server times are
 * `timestamptz`.
 */
import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { LocalizedText, SopCategory, SopVersionContent } from '../../shared/sop.ts';
import type { ClockReason } from '../../shared/sync.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
/** A device time (epoch ms); bigint as number is exact up to 2^53, like the wire format. */
const epochMs = (name: string) => bigint(name, { mode: 'number' });

export const orgs = pgTable('orgs', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  /** Bumped by every publish; stamped on the version as its pull cursor. */
  syncCounter: bigint('sync_counter', { mode: 'number' }).notNull().default(0),
  createdAt: createdAt(),
});

export const sops = pgTable(
  'sops',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    category: text('category').$type<SopCategory>().notNull(),
    ownerId: uuid('owner_id'),
    reviewIntervalDays: integer('review_interval_days').notNull().default(90),
    status: text('status').$type<'draft' | 'published' | 'archived'>().notNull(),
    lastReviewedAt: timestamp('last_reviewed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export const sopVersions = pgTable(
  'sop_versions',
  {
    orgId: uuid('org_id').notNull(),
    sopId: uuid('sop_id').notNull(),
    version: integer('version').notNull(),
    content: jsonb('content').$type<SopVersionContent>().notNull(),
    changeNote: text('change_note').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    publishedBy: uuid('published_by'),
    syncCursor: bigint('sync_cursor', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.sopId, t.version] }),
    uniqueIndex('sop_versions_org_cursor_idx').on(t.orgId, t.syncCursor),
  ],
);

export const runEvents = pgTable(
  'run_events',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    runId: uuid('run_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    deviceId: uuid('device_id').notNull(),
    deviceSeq: bigint('device_seq', { mode: 'number' }).notNull(),
    v: integer('v').notNull(),
    type: text('type').notNull(),
    at: epochMs('at').notNull(),
    mono: doublePrecision('mono').notNull(),
    pageLoadId: text('page_load_id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** sha256 of the canonical JSON of the whole event: tells a retry from an id reuse. */
    payloadHash: text('payload_hash').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /** Estimated true time: `at` + the clock skew measured on the push that brought it. */
    estimatedAt: epochMs('estimated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('run_events_org_run_seq_idx').on(t.orgId, t.runId, t.seq),
    index('run_events_org_device_seq_idx').on(t.orgId, t.deviceId, t.deviceSeq),
  ],
);

/**
 * Monday 00:00 UTC of a run's start week, in integer arithmetic (shared weekStart): the
 * analytics weekly trend groups by this very expression, so that its index serves it.
 */
export const RUN_WEEK = sql.raw('((floor((started_at + 259200000) / 604800000.0) * 604800000 - 259200000)::float8)');

export const runs = pgTable(
  'runs',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    sopId: uuid('sop_id').notNull(),
    sopVersion: integer('sop_version').notNull(),
    userId: uuid('user_id').notNull(),
    deviceId: uuid('device_id').notNull(),
    training: boolean('training').notNull(),
    status: text('status').$type<'in_progress' | 'completed' | 'aborted'>().notNull(),
    startedAt: epochMs('started_at'),
    endedAt: epochMs('ended_at'),
    durationMs: bigint('duration_ms', { mode: 'number' }),
    activeDurationMs: bigint('active_duration_ms', { mode: 'number' }),
    flaggedSteps: integer('flagged_steps').notNull(),
    errored: boolean('errored').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('runs_org_sop_version_idx').on(t.orgId, t.sopId, t.sopVersion),
    index('runs_org_user_idx').on(t.orgId, t.userId),
    // Analytics reads completed runs in duration order (exact percentiles by a short walk),
    // per version in duration order (outliers from the top), and in week-then-duration
    // order (weekly medians), with the filter columns in the key so that no heap page is
    // read; and the few unfinished runs.
    index('runs_done_duration_idx')
      .on(
        t.orgId,
        t.sopId,
        t.durationMs,
        t.sopVersion,
        t.userId,
        t.training,
        t.startedAt,
        t.activeDurationMs,
        t.errored,
      )
      .where(sql`${t.status} = 'completed' and ${t.durationMs} is not null`),
    index('runs_done_version_idx')
      .on(t.orgId, t.sopId, t.sopVersion, t.durationMs, t.userId, t.training, t.startedAt)
      .where(sql`${t.status} = 'completed' and ${t.durationMs} is not null`),
    index('runs_done_week_idx')
      .on(t.orgId, t.sopId, RUN_WEEK, t.durationMs, t.sopVersion, t.userId, t.training, t.startedAt)
      .where(sql`${t.status} = 'completed' and ${t.durationMs} is not null`),
    index('runs_unfinished_idx')
      .on(t.orgId, t.sopId, t.status, t.sopVersion, t.userId, t.training, t.startedAt, t.errored)
      .where(sql`${t.status} = 'aborted' or ${t.durationMs} is null`),
  ],
);

export const stepExecutions = pgTable(
  'step_executions',
  {
    orgId: uuid('org_id').notNull(),
    runId: uuid('run_id').notNull(),
    stepId: text('step_id').notNull(),
    /** Order in the path the run actually took (0 = first step reached). */
    position: integer('position').notNull(),
    sopId: uuid('sop_id').notNull(),
    sopVersion: integer('sop_version').notNull(),
    userId: uuid('user_id').notNull(),
    training: boolean('training').notNull(),
    runStatus: text('run_status').$type<'in_progress' | 'completed' | 'aborted'>().notNull(),
    status: text('status').$type<'pending' | 'done' | 'skipped'>().notNull(),
    durationMs: bigint('duration_ms', { mode: 'number' }).notNull(),
    activeDurationMs: bigint('active_duration_ms', { mode: 'number' }).notNull(),
    flagged: boolean('flagged').notNull(),
    flagCategories: jsonb('flag_categories').$type<string[]>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.runId, t.stepId] }),
    // Executions of completed runs in duration order per step, filter columns in the key:
    // exact step percentiles by a short walk (analytics/duration-buckets.ts).
    index('step_executions_done_duration_idx')
      .on(t.orgId, t.sopId, t.stepId, t.durationMs, t.sopVersion, t.userId, t.training)
      .where(sql`${t.runStatus} = 'completed'`),
  ],
);

export const devices = pgTable(
  'devices',
  {
    orgId: uuid('org_id').notNull(),
    deviceId: uuid('device_id').notNull(),
    firstSeen: timestamp('first_seen', { withTimezone: true }).notNull().defaultNow(),
    lastSyncAt: timestamp('last_sync_at', { withTimezone: true }).notNull().defaultNow(),
    appVersion: text('app_version').notNull(),
    /** The latest push's clock verdict (sync/device-clock.ts); its data is accepted anyway. */
    clockSuspect: boolean('clock_suspect').notNull().default(false),
    clockReason: text('clock_reason').$type<ClockReason>(),
    clockSkewMs: bigint('clock_skew_ms', { mode: 'number' }),
    /** Every device sequence 1..n has reached the server (stored or dead-lettered); see device-progress.ts. */
    contiguousSeq: bigint('contiguous_seq', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.deviceId] })],
);

/** Rejected events, kept raw so that nothing a device sent is ever lost. */
export const deadLetters = pgTable(
  'dead_letters',
  {
    orgId: uuid('org_id').notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    deviceId: uuid('device_id').notNull(),
    batchId: uuid('batch_id').notNull(),
    eventId: text('event_id'),
    code: text('code').notNull(),
    message: text('message').notNull(),
    raw: jsonb('raw').$type<unknown>(),
    /** The rejected event's device sequence, when it had a usable one: received, though not stored. */
    deviceSeq: bigint('device_seq', { mode: 'number' }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('dead_letters_org_device_idx').on(t.orgId, t.deviceId, t.deviceSeq),
  ],
);

/**
 * Runs whose derived rows (`runs`, `step_executions`) are behind their events: a push
 * queues every run it stored events for, in its own transaction, and the deriver
 * (sync/derive-queue.ts) recomputes them after the commit. A run may be queued more than
 * once; a row leaves the queue in the transaction that derived its run.
 */
export const deriveQueue = pgTable(
  'derive_queue',
  {
    orgId: uuid('org_id').notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    runId: uuid('run_id').notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/** Global key/value facts of this server's database (e.g. its random `epoch`). */
export const serverMeta = pgTable('server_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
