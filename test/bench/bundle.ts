/**
 * Bundle benchmarks on the production build (dist/): the gzipped JavaScript the first
 * route actually loads (recorded in Chromium, so lazy chunks the route does not fetch
 * are not counted) and the total size of the service worker's precache list.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { newProfile } from '../support/browser.ts';
import type { RunningServer } from '../support/server-process.ts';
import type { BenchEntry } from './results.ts';

const dist = join(import.meta.dirname, '../../dist');
const gzipSize = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** JS files requested by a first visit to `/`, before any service worker is involved. */
async function firstRouteScripts(server: RunningServer): Promise<string[]> {
  const profile = newProfile();
  const context = await profile.open();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const scripts = new Set<string>();
    page.on('request', (req) => {
      const path = new URL(req.url()).pathname;
      if (path.endsWith('.js') && !path.endsWith('/sw.js') && !path.includes('workbox')) scripts.add(path);
    });
    await page.goto(server.url, { waitUntil: 'networkidle' });
    return [...scripts];
  } finally {
    await context.close();
    profile.remove();
  }
}

export async function bundleBenchmarks(server: RunningServer): Promise<BenchEntry[]> {
  const scripts = await firstRouteScripts(server);
  const firstRouteGz = scripts.reduce((sum, path) => sum + gzipSize(join(dist, path)), 0);
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  const precached = [...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1] ?? '');
  const precacheBytes = precached.reduce((sum, url) => sum + statSync(join(dist, url)).size, 0);
  return [
    { id: 'first-route-js-gzip', value: firstRouteGz / 1024, unit: 'KB', budget: 90, better: 'lower' },
    { id: 'precache-total', value: precacheBytes / 1024, unit: 'KB', budget: null, better: 'lower' },
    { id: 'precache-entries', value: precached.length, unit: 'files', budget: null, better: 'lower' },
  ];
}
