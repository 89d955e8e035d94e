/**
 * Fieldbook's service worker: precache the app shell, answer every navigation with the
 * cached index.html (SPA) except /api, and apply an update only when the page asks for
 * it (the page never reloads a technician in the middle of a run). Step images are
 * cached on use (image-cache.ts). API responses are never cached here: the app's data
 * lives in IndexedDB, not in HTTP caches.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { registerImageRoute } from './image-cache.ts';
import { isSkipWaitingMessage } from './messages.ts';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null } | string>;
};

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }));
registerImageRoute(self.location.origin);

self.addEventListener('message', (event) => {
  if (isSkipWaitingMessage(event.data)) void self.skipWaiting();
});
