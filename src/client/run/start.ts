/**
 * Starting (or resuming) a run of a SOP on this device. A SOP already in progress here is
 * resumed instead of started twice. A new run pins the latest version present and writes
 * run_started (+ step_started of the first step in a sequential version) in one
 * recordEvents call. Concurrent calls for the same SOP share one start (a double tap or a
 * re-rendered effect must not create two runs), and so do two tabs (one transaction).
 */
import { uuidv7 } from '../../shared/uuid.ts';
import { db } from '../db/database.ts';
import { ensureIdentity } from '../db/meta.ts';
import { type EventDraft, recordEvents } from '../db/record.ts';
import { findRunInProgress } from '../db/runs.ts';
import { getLatestVersion } from '../db/sops.ts';

const starting = new Map<string, Promise<string | null>>();

async function startOrResume(sopId: string, training: boolean): Promise<string | null> {
  const existing = await findRunInProgress(sopId);
  if (existing) return existing.id;
  const version = await getLatestVersion(sopId);
  if (!version) return null;
  const { userId, deviceId } = await ensureIdentity();
  const runId = uuidv7();
  const drafts: EventDraft[] = [
    { type: 'run_started', payload: { sopId, sopVersion: version.version, userId, deviceId, training } },
  ];
  const first = version.content.steps[0];
  if (version.content.mode === 'sequential' && first) {
    drafts.push({ type: 'step_started', payload: { stepId: first.id } });
  }
  await recordEvents(runId, drafts);
  return runId;
}

/** The id of the run to show for `sopId`, or null when no version is on this device. */
export function startRun(sopId: string, training: boolean): Promise<string | null> {
  const known = starting.get(sopId);
  if (known) return known;
  // One read-write transaction over the runs: two tabs opening the same deep link at once
  // are serialised by IndexedDB, and the second finds the first one's run and resumes it.
  const promise = db
    .transaction('rw', [db.runs, db.events, db.meta, db.versions], () => startOrResume(sopId, training))
    .finally(() => starting.delete(sopId));
  starting.set(sopId, promise);
  return promise;
}
