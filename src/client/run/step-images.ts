/**
 * Step images for offline use. The service worker answers image requests cache-first
 * from IMAGE_CACHE (sw/image-cache.ts); this warms that cache from the page for every
 * image of the SOPs on the device, so a step shows its picture in a basement even if the
 * technician never opened that step online. Failures (offline, a server that refuses
 * CORS) are ignored: the image is then cached the first time it is shown online.
 */
import { IMAGE_CACHE, isStepImageRequest } from '../../../sw/image-cache-rules.ts';
import type { SopVersionContent } from '../../shared/sop.ts';

/** The distinct image URLs of `contents`, absolute against `base`, that the worker's image route serves. */
export function stepImageUrls(contents: readonly SopVersionContent[], base: string): string[] {
  const origin = new URL(base).origin;
  const urls = new Map<string, URL>();
  for (const content of contents) {
    for (const step of content.steps) {
      for (const image of step.images ?? []) {
        const url = new URL(image.url, base);
        urls.set(url.href, url);
      }
    }
  }
  return [...urls.values()].filter((url) => isStepImageRequest(url, 'image', origin)).map((url) => url.href);
}

let warming: Promise<void> = Promise.resolve();

/** Adds the images not cached yet; runs after any warm-up already under way. */
export function warmStepImages(contents: readonly SopVersionContent[]): Promise<void> {
  if (typeof caches === 'undefined' || !navigator.onLine) return warming;
  const urls = stepImageUrls(contents, location.href);
  warming = warming
    .then(async () => {
      const cache = await caches.open(IMAGE_CACHE);
      for (const url of urls) {
        if (await cache.match(url)) continue;
        await cache.add(url).catch(() => undefined);
      }
    })
    .catch(() => undefined);
  return warming;
}
