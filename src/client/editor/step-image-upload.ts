/**
 * Adding a picture to a step: downscaled on the device like run photos (long side at
 * most 1600 px, JPEG; run/photo.ts), then uploaded for the SOP. Only the server's URL
 * goes into the draft, so an image needs the network when it is added; a failure leaves
 * the draft as it was.
 */
import { MAX_SOP_IMAGE_BYTES } from '../../shared/sop-api.ts';
import { sopApi } from '../library/sop-api-client.ts';
import { preparePhoto } from '../run/photo.ts';

export type ImageUploadOutcome =
  | { ok: true; url: string }
  | { ok: false; reason: 'offline' | 'unreadable' | 'too_large' | 'failed' };

/** Sends a picture for a step of one SOP. */
export type ImageUploader = (file: Blob) => Promise<ImageUploadOutcome>;

export async function uploadStepImage(sopId: string, file: Blob): Promise<ImageUploadOutcome> {
  if (!navigator.onLine) return { ok: false, reason: 'offline' };
  const prepared = await preparePhoto(file);
  if (!prepared) return { ok: false, reason: 'unreadable' };
  if (prepared.blob.size > MAX_SOP_IMAGE_BYTES) return { ok: false, reason: 'too_large' };
  const result = await sopApi.uploadImage(sopId, prepared.blob, prepared.mime);
  if (result.ok) return { ok: true, url: result.value.url };
  switch (result.reason) {
    case 'offline':
    case 'too_large':
      return { ok: false, reason: result.reason };
    case 'unsupported':
      return { ok: false, reason: 'unreadable' };
    default:
      return { ok: false, reason: 'failed' };
  }
}
