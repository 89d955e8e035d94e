/**
 * Drafts kept on this device until the server has them. Its own IndexedDB database
 * ('fieldbook-drafts'), apart from the runner's: authoring never touches the runner's
 * schema or its upgrades. One row per SOP: the last draft typed and the server revision
 * it was based on. A row is written before every save attempt and removed only once the
 * server acknowledged that exact draft, so closing the tab or losing the network never
 * loses what was typed.
 *
 * Schema history: v1 — pending drafts.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { SopDraft } from '../../shared/sop-draft.ts';

export interface PendingDraft {
  sopId: string;
  /** The server revision this draft continues from (the version check on save). */
  basedOn: number;
  draft: SopDraft;
  /** Device time of the last edit (epoch ms). */
  editedAt: number;
}

class DraftDb extends Dexie {
  pending!: EntityTable<PendingDraft, 'sopId'>;

  constructor() {
    super('fieldbook-drafts');
    this.version(1).stores({ pending: 'sopId' });
  }
}

const draftDb = new DraftDb();

export function keepDraft(row: PendingDraft): Promise<string> {
  return draftDb.pending.put(row);
}

export function pendingDraft(sopId: string): Promise<PendingDraft | undefined> {
  return draftDb.pending.get(sopId);
}

export function allPendingDrafts(): Promise<PendingDraft[]> {
  return draftDb.pending.toArray();
}

/** Forgets the kept draft, but only if it is still the one the server just acknowledged. */
export async function forgetDraftIfSaved(sopId: string, editedAt: number): Promise<void> {
  await draftDb.transaction('rw', draftDb.pending, async () => {
    const row = await draftDb.pending.get(sopId);
    if (row && row.editedAt === editedAt) await draftDb.pending.delete(sopId);
  });
}

export function forgetDraft(sopId: string): Promise<void> {
  return draftDb.pending.delete(sopId);
}

/** Forgets every kept draft (a shared device wiped at sign-out, after they were exported). */
export async function clearDrafts(): Promise<void> {
  await draftDb.pending.clear();
}
