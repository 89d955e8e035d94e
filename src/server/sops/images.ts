/**
 * Step images. `POST /api/sops/:id/images` takes the raw image as the body (JPEG, PNG or
 * WebP, its bytes must match its Content-Type, at most MAX_SOP_IMAGE_BYTES) and answers
 * 201 with the image's URL under SOP_IMAGE_PATH; `GET` there serves the bytes. The URL is
 * outside /api on purpose: the runners' service worker caches /media/ images for offline
 * use and never caches the API (sw/image-cache-rules.ts). Checks run cheapest first, so a
 * refused upload is answered before its body is read.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { SOP_IMAGE_PATH, type SopImageUploaded } from '../../shared/sop-api.ts';
import { respondError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { respondImage } from '../http/stored-image.ts';
import { declaredPhotoMime, PHOTO_MIMES, sniffImage } from '../photos/media-type.ts';
import { readSopImage, storeSopImage } from './image-store.ts';
import { sopExists } from './read.ts';
import { uuidParam } from '../http/uuid-param.ts';

const noSop = (c: Context) => respondError(c, 404, 'not_found', 'No SOP with this id.');

export function sopImageRoutes() {
  /** Refuses an unknown SOP or a non-image Content-Type; null when the body may be read. */
  async function refuseUpload(c: Context<AppEnv>): Promise<Response | null> {
    const sopId = uuidParam(c, 'id');
    if (!sopId || !(await sopExists(c.var.db, c.get('orgId'), sopId))) return noSop(c);
    if (!declaredPhotoMime(c.req.header('content-type'))) {
      return respondError(c, 415, 'unsupported_media_type', `Send the image as ${PHOTO_MIMES.join(', ')}.`);
    }
    return null;
  }

  async function upload(c: Context<AppEnv>) {
    const sopId = uuidParam(c, 'id') ?? '';
    const mime = declaredPhotoMime(c.req.header('content-type'));
    const data = new Uint8Array(await c.req.arrayBuffer());
    if (data.length === 0) return respondError(c, 400, 'empty_body', 'The image is empty.');
    if (!mime || sniffImage(data) !== mime) {
      return respondError(c, 415, 'unsupported_media_type', 'The bytes are not an image of the declared type.');
    }
    const id = await storeSopImage(c.var.db, { orgId: c.get('orgId'), sopId, mime, data });
    const body: SopImageUploaded = { id, url: `${SOP_IMAGE_PATH}/${id}`, mime, bytes: data.length };
    return c.json(body, 201);
  }

  return new Hono<AppEnv>()
    .post('/api/sops/:id/images', async (c, next) => (await refuseUpload(c)) ?? next(), upload)
    .get(`${SOP_IMAGE_PATH}/:imageId`, async (c) => {
      const imageId = uuidParam(c, 'imageId');
      const image = imageId ? await readSopImage(c.var.db, c.get('orgId'), imageId) : null;
      return image ? respondImage(c, image) : respondError(c, 404, 'not_found', 'No image with this id.');
    });
}
