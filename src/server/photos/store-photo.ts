/**
 * Idempotent photo storage. A device uploads a photo under its own id and may upload it
 * again (the answer was lost, the app restarted): `INSERT … ON CONFLICT DO NOTHING`, then
 * on conflict the stored sha256 and run decide — the same bytes for the same run are a
 * duplicate (success), anything else under that id is an id reuse, and the original stays.
 *
 * The bytes cross the driver as base64 text (db/bytes-as-text.ts).
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { bytesOf, bytesText, bytesValue } from '../db/bytes-as-text.ts';
import type { Queryable } from '../db/connect.ts';
import { photos } from '../db/schema-photos.ts';
import type { PhotoMime } from './media-type.ts';

export interface NewPhoto {
  orgId: string;
  id: string;
  runId: string;
  mime: PhotoMime;
  data: Uint8Array;
}

export type StoreOutcome = 'stored' | 'duplicate' | 'id_reuse';

export async function storePhoto(db: Queryable, photo: NewPhoto): Promise<StoreOutcome> {
  const sha256 = createHash('sha256').update(photo.data).digest('hex');
  const inserted = await db
    .insert(photos)
    .values({ ...photo, bytes: photo.data.length, sha256, data: bytesValue(photo.data) })
    .onConflictDoNothing({ target: [photos.orgId, photos.id] })
    .returning({ id: photos.id });
  if (inserted.length > 0) return 'stored';
  const [existing] = await db
    .select({ sha256: photos.sha256, runId: photos.runId })
    .from(photos)
    .where(and(eq(photos.orgId, photo.orgId), eq(photos.id, photo.id)));
  return existing?.sha256 === sha256 && existing.runId === photo.runId ? 'duplicate' : 'id_reuse';
}

export interface StoredPhoto {
  runId: string;
  mime: PhotoMime;
  sha256: string;
  data: Uint8Array;
}

export async function readPhoto(db: Queryable, orgId: string, id: string): Promise<StoredPhoto | null> {
  const [row] = await db
    .select({ runId: photos.runId, mime: photos.mime, sha256: photos.sha256, data: bytesText(photos.data) })
    .from(photos)
    .where(and(eq(photos.orgId, orgId), eq(photos.id, id)));
  return row ? { ...row, data: bytesOf(row.data) } : null;
}
