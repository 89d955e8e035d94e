/** Repository of photos taken as step evidence; blobs stay on the device until upload exists. */
import { db } from './database.ts';
import type { PhotoRow } from './types.ts';

export async function savePhoto(photo: PhotoRow): Promise<void> {
  await db.photos.add(photo);
}

export async function getPhotos(ids: readonly string[]): Promise<PhotoRow[]> {
  const rows = await db.photos.bulkGet([...ids]);
  return rows.filter((r): r is PhotoRow => r !== undefined);
}
