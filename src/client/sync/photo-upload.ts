/**
 * Photo upload, after the events: `PUT /api/photos/:photoId?runId=…` with the blob as
 * the body and its type as Content-Type, one photo at a time (they are large; one at a
 * time keeps a weak connection usable). Outcomes:
 *  - 201 `stored` / 200 `duplicate` whose body names this photo → uploaded;
 *  - 4xx other than 401/408/429 (e.g. 409 id_reuse, 413 too_large, 415
 *    unsupported_media_type) → rejected with the code: kept, shown, never retried;
 *  - anything else (offline, timeout, 5xx, 401/408/429, an unreadable 2xx) → stays
 *    pending and the pass stops; the next sync tries again.
 */
import * as z from 'zod/mini';
import { PhotoUploadResult } from '../../shared/sync.ts';
import { CSRF_HEADERS } from '../auth/csrf.ts';
import { listUploadablePhotos, markPhotoRejected, markPhotoUploaded } from '../db/photos.ts';
import type { PhotoRow } from '../db/types.ts';
import { type FetchLike, type HttpResult, request } from './http.ts';

/** Statuses that say "not now" rather than "never". */
const RETRYABLE_4XX = new Set([401, 408, 429]);
const PAGE = 20;

function upload(fetchImpl: FetchLike, photo: PhotoRow): Promise<HttpResult<'uploaded'>> {
  const url = `/api/photos/${encodeURIComponent(photo.id)}?runId=${encodeURIComponent(photo.runId)}`;
  const init = { method: 'PUT', headers: { 'content-type': photo.mime, ...CSRF_HEADERS }, body: photo.blob };
  return request(fetchImpl, url, init, async (response) => {
    const body: unknown = await response.json().catch(() => null);
    const answer = z.safeParse(PhotoUploadResult, body);
    if (!answer.success || answer.data.id !== photo.id) return { ok: false, reason: 'invalid_response' };
    return { ok: true, value: 'uploaded' };
  });
}

export interface UploadOutcome {
  uploaded: number;
  rejected: number;
}

/** Uploads every photo that is ready; stops at the first failure that is not final. */
export async function uploadPhotos(fetchImpl: FetchLike): Promise<HttpResult<UploadOutcome>> {
  const outcome: UploadOutcome = { uploaded: 0, rejected: 0 };
  for (;;) {
    const photos = await listUploadablePhotos(PAGE);
    if (photos.length === 0) return { ok: true, value: outcome };
    for (const photo of photos) {
      const result = await upload(fetchImpl, photo);
      if (result.ok) {
        await markPhotoUploaded(photo.id);
        outcome.uploaded += 1;
      } else if (result.status && result.status >= 400 && result.status < 500 && !RETRYABLE_4XX.has(result.status)) {
        await markPhotoRejected(photo.id, result.code ?? `http_${result.status}`);
        outcome.rejected += 1;
      } else {
        return result;
      }
    }
  }
}
