/**
 * The image types a photo may have, and their recognition from the file's first bytes
 * ("magic numbers"): a declared Content-Type is trusted only when the bytes agree, so a
 * photo served back later with that type is really an image of that type.
 *   JPEG  FF D8 FF
 *   PNG   89 50 4E 47 0D 0A 1A 0A
 *   WebP  "RIFF" <4-byte size> "WEBP"
 */
export const PHOTO_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMime = (typeof PHOTO_MIMES)[number];

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

const ascii = (text: string) => [...text].map((ch) => ch.charCodeAt(0));

/** The image type the bytes are, or null. */
export function sniffImage(bytes: Uint8Array): PhotoMime | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/** The media type of a Content-Type header (parameters dropped, lower case), if it is a photo type. */
export function declaredPhotoMime(contentType: string | undefined): PhotoMime | null {
  const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return PHOTO_MIMES.find((m) => m === media) ?? null;
}
