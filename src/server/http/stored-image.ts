/**
 * Answering with an image that never changes under its URL (run photos, step images):
 * cached for a year by the browser alone (`private`: it needs a session), revalidated by
 * its sha256 as ETag, and `nosniff` so that a browser never reads it as anything but the
 * image type it was checked to be on upload.
 */
import type { Context } from 'hono';

export const IMMUTABLE_PRIVATE = 'private, max-age=31536000, immutable';

export interface StoredImage {
  mime: string;
  sha256: string;
  data: Uint8Array;
}

export function respondImage(c: Context, image: StoredImage): Response {
  const etag = `"${image.sha256}"`;
  const headers = { 'Cache-Control': IMMUTABLE_PRIVATE, ETag: etag, 'X-Content-Type-Options': 'nosniff' };
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
  // A copy over a plain ArrayBuffer: drivers may hand back a view of a shared buffer.
  return c.body(new Uint8Array(image.data), 200, { ...headers, 'Content-Type': image.mime });
}
