/**
 * Photo upload and download. `PUT /api/photos/:photoId?runId=<uuid>` takes the raw image
 * as the body (JPEG, PNG or WebP, at most 8 MiB, its bytes must match its Content-Type)
 * and answers 201 stored / 200 duplicate / 409 id_reuse (store-photo.ts). `GET` serves the
 * bytes back; a photo never changes under its id, so browsers may keep it for a year.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { isUuid } from '../../shared/sop.ts';
import type { PhotoUploadResult } from '../../shared/sync.ts';
import { respondError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { IMMUTABLE_PRIVATE, respondImage } from '../http/stored-image.ts';
import { maySeeRun, runOwner } from '../runs/run-access.ts';
import { declaredPhotoMime, PHOTO_MIMES, sniffImage } from './media-type.ts';
import { readPhoto, storePhoto } from './store-photo.ts';

export const PHOTO_CACHE_CONTROL = IMMUTABLE_PRIVATE;

/** Checks ids and Content-Type before the body is read; null when the request may go on. */
function refuseUploadHeaders(c: Context<AppEnv>): Response | null {
  if (!isUuid(c.req.param('photoId'))) return respondError(c, 400, 'invalid_photo_id', 'The photo id must be a UUID.');
  if (!isUuid(c.req.query('runId'))) {
    return respondError(c, 400, 'invalid_run_id', 'The query parameter runId must be the UUID of the run.');
  }
  if (!declaredPhotoMime(c.req.header('content-type'))) {
    return respondError(c, 415, 'unsupported_media_type', `Send the photo as ${PHOTO_MIMES.join(', ')}.`);
  }
  return null;
}

async function upload(c: Context<AppEnv>) {
  const photoId = c.req.param('photoId') ?? '';
  const runId = c.req.query('runId') ?? '';
  const mime = declaredPhotoMime(c.req.header('content-type'));
  const data = new Uint8Array(await c.req.arrayBuffer());
  if (data.length === 0) return respondError(c, 400, 'empty_body', 'The photo is empty.');
  if (!mime || sniffImage(data) !== mime) {
    return respondError(c, 415, 'unsupported_media_type', 'The bytes are not an image of the declared type.');
  }
  const owner = await runOwner(c.var.db, c.var.orgId, runId);
  if (owner !== null && owner !== c.var.user.userId && c.var.user.role !== 'owner') {
    return respondError(c, 403, 'forbidden', 'This run belongs to another member.');
  }
  const outcome = await storePhoto(c.var.db, { orgId: c.get('orgId'), id: photoId, runId, mime, data });
  if (outcome === 'id_reuse') {
    return respondError(c, 409, 'id_reuse', 'Another photo was already received under this id.');
  }
  if (outcome === 'duplicate') return c.json({ id: photoId, status: 'duplicate' } satisfies PhotoUploadResult, 200);
  return c.json({ id: photoId, status: 'stored', bytes: data.length } satisfies PhotoUploadResult, 201);
}

export const photoRoutes = () =>
  new Hono<AppEnv>()
    .put(
      '/api/photos/:photoId',
      async (c, next) => refuseUploadHeaders(c) ?? next(),
      (c) => upload(c),
    )
    .get('/api/photos/:photoId', async (c) => {
      const photoId = c.req.param('photoId');
      if (!isUuid(photoId)) return respondError(c, 400, 'invalid_photo_id', 'The photo id must be a UUID.');
      const photo = await readPhoto(c.var.db, c.get('orgId'), photoId);
      if (!photo || !(await maySeeRun(c.var.db, c.var.user, photo.runId))) {
        return respondError(c, 404, 'not_found', 'No photo with this id.');
      }
      return respondImage(c, photo);
    });
