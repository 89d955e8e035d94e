/**
 * Step images, cache-first: a SOP's illustrations rarely change (a new picture gets a new
 * URL with a new version), and a technician in a basement must still see them. Which
 * requests: see isStepImageRequest (never /api/). Only complete 200 responses are stored (an
 * opaque cross-origin answer could be an error page). The cache keeps at most
 * IMAGE_CACHE_MAX_ENTRIES images, dropping the oldest stored first.
 */
import type { WorkboxPlugin } from 'workbox-core';
import { registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { IMAGE_CACHE, IMAGE_CACHE_MAX_ENTRIES, isStepImageRequest } from './image-cache-rules.ts';

/** Deletes the oldest entries beyond the limit after each write (keys() lists in insertion order). */
const limitEntries: WorkboxPlugin = {
  cacheDidUpdate: async ({ cacheName }) => {
    const cache = await caches.open(cacheName);
    const keys = await cache.keys();
    for (const request of keys.slice(0, Math.max(0, keys.length - IMAGE_CACHE_MAX_ENTRIES))) {
      await cache.delete(request);
    }
  },
};

export function registerImageRoute(origin: string): void {
  registerRoute(
    ({ url, request }) => isStepImageRequest(url, request.destination, origin),
    new CacheFirst({ cacheName: IMAGE_CACHE, plugins: [limitEntries] }),
  );
}
