/**
 * What the image cache holds, shared by the worker (which fills it on use) and the page
 * (which warms it after a sync). No workbox import here: the page bundles this file.
 */
export const IMAGE_CACHE = 'fieldbook-step-images-v1';

/** Most images kept: SOP illustrations are few; a bound keeps a misbehaving SOP from filling the disk. */
export const IMAGE_CACHE_MAX_ENTRIES = 300;

/**
 * True for the requests the image route answers: same-origin /media/ files, and any other
 * image the page loads over https or from its own origin (SOP image URLs may point
 * elsewhere) — never the API.
 */
export function isStepImageRequest(url: URL, destination: string, origin: string): boolean {
  const sameOrigin = url.origin === origin;
  if (sameOrigin && url.pathname.startsWith('/api/')) return false;
  if (sameOrigin && url.pathname.startsWith('/media/')) return true;
  return destination === 'image' && (url.protocol === 'https:' || sameOrigin);
}
