/** Builders for runs stored through the real recordEvents path. */
import { uuidv7 } from '../../shared/uuid.ts';
import { ensureIdentity } from '../db/meta.ts';
import { type EventDraft, recordEvents } from '../db/record.ts';
import { RECEPTION_ID } from './sops.ts';

/** Starts a run of `sopId` v`sopVersion` and records `stepEvents` more check steps. */
export async function storeRun(opts: { sopId?: string; sopVersion?: number; steps?: number } = {}): Promise<string> {
  const runId = uuidv7();
  const { userId, deviceId } = await ensureIdentity();
  const drafts: EventDraft[] = [
    {
      type: 'run_started',
      payload: {
        sopId: opts.sopId ?? RECEPTION_ID,
        sopVersion: opts.sopVersion ?? 2,
        userId,
        deviceId,
        training: false,
      },
    },
  ];
  for (let i = 0; i < (opts.steps ?? 0); i++) {
    drafts.push({ type: 'step_started', payload: { stepId: `s${i}` } });
  }
  await recordEvents(runId, drafts);
  return runId;
}
