/**
 * Pull: downloads published SOP versions after the stored server cursor, page by page
 * until `hasMore` is false. Each page's items and its new cursor commit in ONE
 * transaction, so a crash between pages resumes exactly after the last stored page; a
 * page that fails validation stores nothing and keeps the cursor where it was. A page
 * from a server with a new epoch (see epoch.ts) is dropped and the pull starts over
 * from the first cursor: the old cursor means nothing to a restored server.
 */
import { PullResponse } from '../../shared/sync.ts';
import { db } from '../db/database.ts';
import { getMeta, setMeta } from '../db/meta.ts';
import { putPulledItems } from '../db/sops.ts';
import { INITIAL_CURSOR, noteServerEpoch } from './epoch.ts';
import { type FetchLike, type HttpResult, requestJson } from './http.ts';

/** A server that keeps answering hasMore would otherwise hold the sync forever. */
const MAX_PAGES = 1000;

export interface PullOutcome {
  pages: number;
  items: number;
}

async function storePage(page: PullResponse): Promise<void> {
  await db.transaction('rw', [db.sops, db.versions, db.meta], async () => {
    await putPulledItems(page.items);
    await setMeta('pullCursor', page.cursor);
  });
}

/** Pulls every page; resolves with what was stored, or the first failure. */
export async function pullSops(fetchImpl: FetchLike): Promise<HttpResult<PullOutcome>> {
  let cursor = (await getMeta<string>('pullCursor')) ?? INITIAL_CURSOR;
  const outcome: PullOutcome = { pages: 0, items: 0 };
  while (outcome.pages < MAX_PAGES) {
    const url = `/api/sync/pull?cursor=${encodeURIComponent(cursor)}`;
    const result = await requestJson(fetchImpl, url, { headers: { accept: 'application/json' } }, PullResponse);
    if (!result.ok) return result;
    outcome.pages += 1;
    if ((await noteServerEpoch(result.value.epoch)) && cursor !== INITIAL_CURSOR) {
      cursor = INITIAL_CURSOR;
      continue;
    }
    await storePage(result.value);
    outcome.items += result.value.items.length;
    cursor = result.value.cursor;
    if (!result.value.hasMore) break;
  }
  return { ok: true, value: outcome };
}
