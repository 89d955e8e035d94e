/**
 * Step images of a SOP in the database. Each upload is a new image under a new id (the
 * server's UUIDv7): an image is never replaced, so its URL can be cached for good.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from '../../shared/uuid.ts';
import { bytesOf, bytesText, bytesValue } from '../db/bytes-as-text.ts';
import type { Queryable } from '../db/connect.ts';
import { sopImages } from '../db/schema-sop-images.ts';
import type { StoredImage } from '../http/stored-image.ts';
import type { PhotoMime } from '../photos/media-type.ts';

/** Stores the image and answers its new id. */
export async function storeSopImage(
  db: Queryable,
  image: { orgId: string; sopId: string; mime: PhotoMime; data: Uint8Array },
): Promise<string> {
  const id = uuidv7();
  const sha256 = createHash('sha256').update(image.data).digest('hex');
  await db.insert(sopImages).values({ ...image, id, bytes: image.data.length, sha256, data: bytesValue(image.data) });
  return id;
}

export async function readSopImage(db: Queryable, orgId: string, id: string): Promise<StoredImage | null> {
  const [row] = await db
    .select({ mime: sopImages.mime, sha256: sopImages.sha256, data: bytesText(sopImages.data) })
    .from(sopImages)
    .where(and(eq(sopImages.orgId, orgId), eq(sopImages.id, id)));
  return row ? { ...row, data: bytesOf(row.data) } : null;
}
