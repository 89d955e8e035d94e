/**
 * Idempotent storage of checked events, inside the caller's transaction.
 *
 * Valid events go in with one `INSERT … ON CONFLICT DO NOTHING RETURNING id`: the ids
 * returned are new (accepted). For the others the stored hash decides: the same hash is
 * a retry (duplicate, the device may forget the event); a different hash is a different
 * event reusing an id (rejected `id_reuse`; the stored original stays untouched). Repeats
 * of one id inside the same batch are judged against the batch's first copy the same way.
 * Every rejected event is written raw to dead_letters so nothing a device sent is lost.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { RunEvent } from '../../shared/events.ts';
import type { EventResult, RejectCode } from '../../shared/sync.ts';
import type { Transaction } from '../db/connect.ts';
import { deadLetters, runEvents } from '../db/schema.ts';
import { rawEventId, rejected, type CheckedEvent, type ValidEvent } from './event-check.ts';
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

const eventRow = ({ orgId, deviceId, receivedAt, skewMs }: BatchContext, { event, hash }: ValidEvent) => ({
  orgId,
  id: event.id,
  runId: event.runId,
  seq: event.seq,
  deviceId,
  deviceSeq: event.deviceSeq,
  v: event.v,
  type: event.type,
  at: event.at,
  mono: event.mono,
  pageLoadId: event.pageLoadId,
  payload: event.payload,
  payloadHash: hash,
  receivedAt: new Date(receivedAt),
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

/** Inserts the new events; returns the status of every candidate id. */
async function insertCandidates(tx: Transaction, ctx: BatchContext, candidates: ValidEvent[]) {
  const status = new Map<string, 'accepted' | 'duplicate' | 'id_reuse'>();
  if (candidates.length === 0) return status;
  const inserted = await tx
    .insert(runEvents)
    .values(candidates.map((c) => eventRow(ctx, c)))
    .onConflictDoNothing({ target: [runEvents.orgId, runEvents.id] })
    .returning({ id: runEvents.id });
  for (const { id } of inserted) status.set(id, 'accepted');
  const existing = candidates.filter((c) => !status.has(c.id));
  if (existing.length === 0) return status;
  const stored = await tx
    .select({ id: runEvents.id, hash: runEvents.payloadHash })
    .from(runEvents)
    .where(
      and(
        eq(runEvents.orgId, ctx.orgId),
        inArray(
          runEvents.id,
          existing.map((c) => c.id),
        ),
      ),
    );
  const storedHash = new Map(stored.map((s) => [s.id, s.hash]));
  for (const c of existing) status.set(c.id, storedHash.get(c.id) === c.hash ? 'duplicate' : 'id_reuse');
  return status;
}

export interface StoredBatch {
  results: EventResult[];
  /** The events newly stored by this batch. */
  accepted: RunEvent[];
}

/** Stores a batch's events; `raws[i]` is what the device sent for `checked[i]`. */
export async function storeEvents(
  tx: Transaction,
  ctx: BatchContext,
  checked: CheckedEvent[],
  raws: unknown[],
): Promise<StoredBatch> {
  const { candidates, judged } = firstCopies(checked);
  const status = await insertCandidates(tx, ctx, candidates);
  const firstSeen = new Set<string>();
  const accepted: RunEvent[] = [];
  const results = judged.map((c): EventResult => {
    if (!c.ok) return { id: c.id, status: 'rejected', code: c.code, message: c.message };
    const s = status.get(c.id);
    if (s === 'id_reuse') return { id: c.id, status: 'rejected', code: 'id_reuse', message: ID_REUSE };
    // Only the batch's first copy of a newly inserted id is "accepted"; repeats are duplicates.
    const isFirst = s === 'accepted' && !firstSeen.has(c.id);
    firstSeen.add(c.id);
    if (isFirst) accepted.push(c.event);
    return { id: c.id, status: isFirst ? 'accepted' : 'duplicate' };
  });
  await deadLetter(tx, ctx, results, raws);
  return { results, accepted };
}

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
  if (rows.length > 0) await tx.insert(deadLetters).values(rows);
}

/** The device sequence of a raw (maybe invalid) event, when it is a usable positive integer. */
function rawDeviceSeq(raw: unknown): number | null {
  const seq = typeof raw === 'object' && raw !== null ? (raw as { deviceSeq?: unknown }).deviceSeq : undefined;
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 1 ? seq : null;
}
