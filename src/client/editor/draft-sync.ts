/**
 * Saves the drafts this device kept while offline, outside the editor (the library calls
 * it on open). A kept draft the server refuses with a conflict stays on the device: the
 * editor shows that conflict to the author when they open the SOP.
 */
import { sopApi } from '../library/sop-api-client.ts';
import { allPendingDrafts, forgetDraftIfSaved } from './draft-store.ts';

/** Tries each waiting draft once; returns how many reached the server. */
export async function saveWaitingDrafts(): Promise<number> {
  let saved = 0;
  for (const row of await allPendingDrafts()) {
    const result = await sopApi.saveDraft(row.sopId, row.basedOn, row.draft);
    if (result.ok) {
      await forgetDraftIfSaved(row.sopId, row.editedAt);
      saved += 1;
    } else if (result.reason === 'offline') break;
  }
  return saved;
}
