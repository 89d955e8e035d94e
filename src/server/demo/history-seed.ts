/**
 * Writes the demo history on the first start of a demo database: dates the published
 * versions back, publishes Diagnosis v2 (publishVersion, as an owner would), names the
 * people and gives the new hires their track, then sends every generated run through the
 * real ingest (ingestPush, in large batches, device by device) and derives the queued
 * runs as the deriver would, so the derived rows are exactly what synced phones would
 * have produced.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { weekStart } from '../../shared/analytics.ts';
import type { RunEvent } from '../../shared/events.ts';
import type { SopVersionContent } from '../../shared/sop.ts';
import { PROTOCOL_VERSION } from '../../shared/sync.ts';
import type { Transaction } from '../db/connect.ts';
import { onboardingTracks, people } from '../db/schema-analytics.ts';
import { sops, sopVersions } from '../db/schema.ts';
import { publishVersion } from '../sops/publish.ts';
import { deriveAllQueued } from '../sync/derive-queue.ts';
import { ingestPush } from '../sync/ingest.ts';
import { planHistory, runStream } from './history.ts';
import {
  CAST,
  deviceIdOf,
  DIAGNOSIS_V2_NOTE,
  DIAGNOSIS_V2_WEEKS_AGO,
  diagnosisV2,
  HISTORY_WEEKS,
  NEW_HIRE_TRACK,
  personId,
} from './history-cast.ts';
import { type Random, seededRandom } from './history-random.ts';

const WEEK_MS = 7 * 86_400_000;
const DAY_MS = 86_400_000;
const HISTORY_SEED = 20_250_106;
/** Events per ingest call: larger than a phone's batch, since per-batch bookkeeping dominates the seed time. */
const HISTORY_BATCH = 2_000;
/** SOPs whose owner reviewed them recently; the others show an overdue review. */
const RECENTLY_REVIEWED = ['customer-reception', 'diagnosis', 'final-test', 'invoicing'];

type SopIdOf = (key: string) => string;

async function backdateVersions(tx: Transaction, orgId: string, sopIdOf: SopIdOf, now: number): Promise<void> {
  const published = new Date(now - (HISTORY_WEEKS + 1) * WEEK_MS);
  await tx.update(sopVersions).set({ publishedAt: published }).where(eq(sopVersions.orgId, orgId));
  await tx.update(sops).set({ lastReviewedAt: published, updatedAt: published }).where(eq(sops.orgId, orgId));
  await publishVersion(tx, {
    orgId,
    sopId: sopIdOf('diagnosis'),
    version: 2,
    content: diagnosisV2,
    changeNote: DIAGNOSIS_V2_NOTE,
    publishedAt: new Date(weekStart(now) - DIAGNOSIS_V2_WEEKS_AGO * WEEK_MS),
  });
  await tx
    .update(sops)
    .set({ lastReviewedAt: new Date(now - 20 * DAY_MS) })
    .where(and(eq(sops.orgId, orgId), inArray(sops.id, RECENTLY_REVIEWED.map(sopIdOf))));
}

async function addPeople(tx: Transaction, orgId: string, sopIdOf: SopIdOf, now: number): Promise<void> {
  // The demo accounts (seed.ts) already created the owner's and a technician's profile:
  // the history's start dates and roles win.
  await tx
    .insert(people)
    .values(
      CAST.map((m) => ({
        orgId,
        id: personId(m.key),
        name: m.name,
        role: m.role,
        startDate: new Date(weekStart(now) - m.startedWeeksAgo * WEEK_MS).toISOString().slice(0, 10),
      })),
    )
    .onConflictDoUpdate({
      target: [people.orgId, people.id],
      set: { role: sql`excluded.role`, startDate: sql`excluded.start_date` },
    });
  const hires = CAST.filter((m) => m.role === 'new_hire');
  await tx
    .insert(onboardingTracks)
    .values(
      hires.flatMap((m) =>
        NEW_HIRE_TRACK.map((key, position) => ({ orgId, personId: personId(m.key), position, sopId: sopIdOf(key) })),
      ),
    );
}

async function versionContents(tx: Transaction, orgId: string): Promise<Map<string, SopVersionContent>> {
  const rows = await tx
    .select({ sopId: sopVersions.sopId, version: sopVersions.version, content: sopVersions.content })
    .from(sopVersions)
    .where(eq(sopVersions.orgId, orgId));
  return new Map(rows.map((r) => [`${r.sopId}@${r.version}`, r.content]));
}

/** Generates and ingests the history; returns the number of runs. */
export async function seedDemoHistory(
  tx: Transaction,
  orgId: string,
  sopIdOf: SopIdOf,
  now = Date.now(),
): Promise<number> {
  await backdateVersions(tx, orgId, sopIdOf, now);
  await addPeople(tx, orgId, sopIdOf, now);
  const contents = await versionContents(tx, orgId);
  const byDevice = new Map<string, RunEvent[]>();
  const plan = planHistory(now, seededRandom(HISTORY_SEED));
  // Each run draws from its own generator, so a change at the end of the plan (this
  // week's runs) leaves every earlier run as it was.
  for (const [index, run] of plan.entries()) {
    const sopId = sopIdOf(run.sopKey);
    const content = contents.get(`${sopId}@${run.version}`);
    if (!content) throw new Error(`demo history: no version ${run.version} of ${run.sopKey}`);
    const deviceId = deviceIdOf(run.member.key);
    const list = byDevice.get(deviceId) ?? [];
    list.push(...runStream(run, content, sopId, seededRandom(HISTORY_SEED + 1 + index), list.length + 1).events);
    byDevice.set(deviceId, list);
  }
  const batchIds = seededRandom(HISTORY_SEED - 1);
  for (const [deviceId, events] of byDevice) await ingestDevice(tx, orgId, { deviceId, events, batchIds }, now);
  await deriveAllQueued(tx, orgId);
  return plan.length;
}

/** Sends one phone's events through the real ingest, oldest first. */
async function ingestDevice(
  tx: Transaction,
  orgId: string,
  { deviceId, events, batchIds }: { deviceId: string; events: RunEvent[]; batchIds: Random },
  now: number,
) {
  for (let i = 0; i < events.length; i += HISTORY_BATCH) {
    await ingestPush(
      tx,
      orgId,
      {
        protocol: PROTOCOL_VERSION,
        appVersion: 'demo-history',
        deviceId,
        batchId: batchIds.uuidv7(now + i),
        sentAt: now,
        events: events.slice(i, i + HISTORY_BATCH),
      },
      now,
    );
  }
}
