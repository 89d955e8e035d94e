/**
 * Photo evidence. A phone camera picture (often 12 MP, 4–8 MB) is downscaled so its long
 * side is at most 1600 px and re-encoded as JPEG before it is stored; where the browser
 * cannot decode or draw (no createImageBitmap or canvas), the original is kept when its
 * type is one the event schema allows. The blob and its photo_attached event commit in
 * one transaction, so an event never points at a photo that is not there.
 */

import type * as z from 'zod/mini';
import type { PhotoAttached } from '../../shared/events.ts';
import { uuidv7 } from '../../shared/uuid.ts';
import { db } from '../db/database.ts';
import { savePhoto } from '../db/photos.ts';
import { recordEvents } from '../db/record.ts';
import type { PhotoRow } from '../db/types.ts';

export const MAX_LONG_SIDE = 1600;
const JPEG_QUALITY = 0.85;
type PhotoMime = z.infer<typeof PhotoAttached>['payload']['mime'];
const STORABLE: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'];

/** The size that fits `width`×`height` into a MAX_LONG_SIDE box without enlarging it. */
export function fitLongSide(width: number, height: number, max = MAX_LONG_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

async function drawToJpeg(file: Blob): Promise<Blob | null> {
  if (typeof createImageBitmap !== 'function') return null;
  const bitmap = await createImageBitmap(file);
  const size = fitLongSide(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  bitmap.close();
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob), 'image/jpeg', JPEG_QUALITY));
}

/** The picture to store: downscaled JPEG when possible, else the original if storable. */
export async function preparePhoto(file: Blob): Promise<{ blob: Blob; mime: PhotoMime } | null> {
  const jpeg = await drawToJpeg(file).catch(() => null);
  if (jpeg) return { blob: jpeg, mime: 'image/jpeg' };
  if (STORABLE.includes(file.type) && file.size > 0) return { blob: file, mime: file.type as PhotoMime };
  return null;
}

/**
 * Stores the picture and its photo_attached event together; false when unreadable.
 * `expectedLastSeq`: see recordEvents (refused if another tab moved the run on).
 */
export async function attachPhoto(
  runId: string,
  stepId: string,
  file: Blob,
  expectedLastSeq?: number,
): Promise<boolean> {
  const prepared = await preparePhoto(file);
  if (!prepared) return false;
  const photo: PhotoRow = {
    id: uuidv7(),
    runId,
    stepId,
    blob: prepared.blob,
    mime: prepared.mime,
    bytes: prepared.blob.size,
    createdAt: Date.now(),
    sync: 'local',
  };
  await db.transaction('rw', [db.photos, db.events, db.runs, db.meta], async () => {
    await savePhoto(photo);
    await recordEvents(
      runId,
      [{ type: 'photo_attached', payload: { stepId, photoId: photo.id, mime: photo.mime, bytes: photo.bytes } }],
      { expectedLastSeq },
    );
  });
  return true;
}
