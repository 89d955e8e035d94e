/** Image-looking bodies for upload tests: the magic bytes of each accepted type, then a fixed pattern. */

export const JPEG_HEAD = [0xff, 0xd8, 0xff, 0xe0];
export const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
export const WEBP_HEAD = [...'RIFF']
  .map((c) => c.charCodeAt(0))
  .concat(
    [1, 0, 0, 0],
    [...'WEBP'].map((c) => c.charCodeAt(0)),
  );

/** `size` bytes in total: the magic bytes `head`, then a pattern that `seed` varies. */
export function image(head: number[], size = 1_000, seed = 1): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = head[i] ?? (i * 31 + seed) % 256;
  return bytes;
}
