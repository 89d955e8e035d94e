/**
 * Idempotent storage of checked events, inside the caller's transaction.
 *
 * Valid events go in with one `INSERT … ON CONFLICT DO NOTHING RETURNING id` (whatever
 * their number: unnest-insert.ts), which also queues their runs for derivation
 * (derive-queue.ts): the ids returned are new (accepted). For the others the stored hash decides: the same hash is
 * a retry (duplicate, the device may forget the event); a different hash is a different
 * event reusing an id (rejected `id_reuse`; the stored original stays untouched). Repeats
 * of one id inside the same batch are judged against the batch's first copy the same way.
 * Every rejected event is written raw to dead_letters so nothing a device sent is lost.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { EventResult, RejectCode } from '../../shared/sync.ts';
import { queryRows, str } from '../analytics/sql-rows.ts';
import type { Transaction } from '../db/connect.ts';
import { deadLetters, runEvents } from '../db/schema.ts';
import { unnestInsert } from '../db/unnest-insert.ts';
import { queueInsertedRuns } from './derive-queue.ts';
import { rawDeviceSeq } from './device-progress.ts';
import { type CheckedEvent, rawEventId, rejected, type ValidEvent } from './event-check.ts';
import { storableCopy, storableText } from './storable.ts';

export interface BatchContext {
  orgId: string;
  deviceId: string;
  batchId: string;
  /** Server receive time of the push (epoch ms). */
  receivedAt: number;
  /** The device clock's skew measured on the push (device-clock.ts). */
  skewMs: number;
}

const ID_REUSE = 'another event with this id was already received';

/** The columns of a stored event that differ from one event of the batch to the next. */
const eventRow = ({ skewMs }: BatchContext, { event, hash }: ValidEvent) => ({
  id: event.id,
  runId: event.runId,
  seq: event.seq,
  deviceSeq: event.deviceSeq,
  v: event.v,
  type: event.type,
  at: event.at,
  mono: event.mono,
  pageLoadId: event.pageLoadId,
  payload: event.payload,
  payloadHash: hash,
  estimatedAt: event.at + skewMs,
});

/** Splits repeats of an id within the batch from the first copy, judging each repeat. */
function firstCopies(checked: CheckedEvent[]): { candidates: ValidEvent[]; judged: CheckedEvent[] } {
  const first = new Map<string, ValidEvent>();
  const judged = checked.map((c): CheckedEvent => {
    if (!c.ok) return c;
    const earlier = first.get(c.id);
    if (!earlier) {
      first.set(c.id, c);
      return c;
    }
    return earlier.hash === c.hash ? c : rejected(c.id, 'id_reuse', ID_REUSE);
  });
  return { candidates: [...first.values()], judged };
}

/**
 * More work for the statement that stores the batch, so that it costs no statement of its
 * own: CTE clauses, given the SQL count of the events the statement newly stores, and one
 * value the statement selects (StoredBatch.along).
 */
export interface AlongWithStore {
  ctes: (stored: SQL) => SQL;
  value: SQL;
}

/**
 * Inserts the new events and queues their runs (one statement, one array parameter per
 * column: unnest-insert.ts), with `along`, and returns the status of every candidate id
 * and `along`'s value. The stored hashes of the ids that were already there are read in
 * one more statement, only when there are such ids.
 */
async function insertCandidates(tx: Transaction, ctx: BatchContext, candidates: ValidEvent[], along: AlongWithStore) {
  const status = new Map<string, 'accepted' | 'duplicate' | 'id_reuse'>();
  if (candidates.length === 0) {
    const [row] = await queryRows(tx, sql`with ${along.ctes(sql`0`)} select ${along.value} as along`);
    return { status, along: row?.along };
  }
  const insert = unnestInsert(
    runEvents,
    candidates.map((c) => eventRow(ctx, c)),
    { orgId: ctx.orgId, deviceId: ctx.deviceId, receivedAt: new Date(ctx.receivedAt) },
  );
  const [row] = await queryRows(
    tx,
    sql`with inserted as (${insert} on conflict (org_id, id) do nothing returning id, run_id),
      ${queueInsertedRuns(ctx.orgId)},
      ${along.ctes(sql`(select count(*) from inserted)`)}
      select (select case when count(*) = ${candidates.length} then null else coalesce(json_agg(id), '[]') end from inserted)
        as ids, ${along.value} as along`,
  );
  // Normally every candidate is new: the statement then says so instead of listing them.
  const inserted = row?.ids === null ? candidates.map((c) => c.id) : Array.isArray(row?.ids) ? row.ids : [];
  for (const id of inserted) status.set(str(id), 'accepted');
  const existing = candidates.filter((c) => !status.has(c.id));
  if (existing.length === 0) return { status, along: row?.along };
  const ids = existing.map((c) => c.id);
  const stored = await queryRows(
    tx,
    sql`select id, payload_hash from run_events where org_id = ${ctx.orgId} and id = any(${sql.param(ids)}::uuid[])`,
  );
  const storedHash = new Map(stored.map((s) => [str(s.id), str(s.payload_hash)]));
  for (const c of existing) status.set(c.id, storedHash.get(c.id) === c.hash ? 'duplicate' : 'id_reuse');
  return { status, along: row?.along };
}

export interface StoredBatch {
  results: EventResult[];
  /** What `along.value` selected. */
  along: unknown;
}

/**
 * Stores a batch's events, with `along` riding on the statement; `raws[i]` is what the
 * device sent for `checked[i]`.
 */
export async function storeEvents(
  tx: Transaction,
  ctx: BatchContext,
  checked: CheckedEvent[],
  raws: unknown[],
  along: AlongWithStore,
): Promise<StoredBatch> {
  const { candidates, judged } = firstCopies(checked);
  const { status, along: value } = await insertCandidates(tx, ctx, candidates, along);
  const firstSeen = new Set<string>();
  const results = judged.map((c): EventResult => {
    if (!c.ok) return { id: c.id, status: 'rejected', code: c.code, message: c.message };
    const s = status.get(c.id);
    if (s === 'id_reuse') return { id: c.id, status: 'rejected', code: 'id_reuse', message: ID_REUSE };
    // Only the batch's first copy of a newly inserted id is "accepted"; repeats are duplicates.
    const isFirst = s === 'accepted' && !firstSeen.has(c.id);
    firstSeen.add(c.id);
    return { id: c.id, status: isFirst ? 'accepted' : 'duplicate' };
  });
  await deadLetter(tx, ctx, results, raws);
  return { results, along: value };
}

/** Writes the rejected events to dead_letters. */
async function deadLetter(tx: Transaction, ctx: BatchContext, results: EventResult[], raws: unknown[]) {
  const rows = results.flatMap((r, i) =>
    r.status === 'rejected'
      ? [
          {
            orgId: ctx.orgId,
            deviceId: ctx.deviceId,
            batchId: ctx.batchId,
            eventId: r.id || rawEventId(raws[i]) || null,
            code: r.code satisfies RejectCode,
            message: storableText(r.message),
            raw: storableCopy(raws[i]),
            deviceSeq: rawDeviceSeq(raws[i]),
          },
        ]
      : [],
  );
  if (rows.length > 0) await tx.execute(unnestInsert(deadLetters, rows));
}
