/**
 * Bundle benchmarks on the production build (dist/): the gzipped JavaScript the first
 * route loads before it renders (recorded in Chromium: the chunks fetched before the
 * route's heading appears; the background sync code fetched after the first paint is
 * reported beside it) and the total size of the service worker's precache list.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { newProfile } from '../support/browser.ts';
import type { RunningServer } from '../support/server-process.ts';
import type { BenchEntry } from './results.ts';

const dist = join(import.meta.dirname, '../../dist');
const gzipSize = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Records when the first route's heading enters the page (before any app code runs). */
const MARK_FIRST_HEADING = () => {
  new MutationObserver((_, observer) => {
    if (!document.querySelector('h1')) return;
    (window as unknown as { __firstHeadingAt: number }).__firstHeadingAt = performance.now();
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
};

interface FirstVisit {
  /** JS fetched before the first route rendered its heading: what the first screen waits for. */
  beforeFirstRender: string[];
  /** Every JS file fetched by the visit, including background work started after the first paint. */
  all: string[];
}

/** The JS of a first visit to `/`, before any service worker is involved. */
async function firstVisitScripts(server: RunningServer): Promise<FirstVisit> {
  const profile = newProfile();
  const context = await profile.open();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript(MARK_FIRST_HEADING);
    await page.goto(server.url, { waitUntil: 'networkidle' });
    await page.waitForFunction(() => '__firstHeadingAt' in window);
    const scripts = await page.evaluate(() => {
      const cutoff = (window as unknown as { __firstHeadingAt: number }).__firstHeadingAt;
      return performance
        .getEntriesByType('resource')
        .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime }))
        .filter((r) => r.path.endsWith('.js') && !r.path.endsWith('/sw.js'))
        .map((r) => ({ ...r, early: r.start < cutoff }));
    });
    return {
      beforeFirstRender: scripts.filter((r) => r.early).map((r) => r.path),
      all: scripts.map((r) => r.path),
    };
  } finally {
    await context.close();
    profile.remove();
  }
}

export async function bundleBenchmarks(server: RunningServer): Promise<BenchEntry[]> {
  const visit = await firstVisitScripts(server);
  const gz = (paths: string[]) => paths.reduce((sum, path) => sum + gzipSize(join(dist, path)), 0) / 1024;
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  const precached = [...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1] ?? '');
  const precacheBytes = precached.reduce((sum, url) => sum + statSync(join(dist, url)).size, 0);
  return [
    { id: 'first-route-js-gzip', value: gz(visit.beforeFirstRender), unit: 'KB', budget: 90, better: 'lower' },
    { id: 'first-visit-all-js-gzip', value: gz(visit.all), unit: 'KB', budget: null, better: 'lower' },
    { id: 'precache-total', value: precacheBytes / 1024, unit: 'KB', budget: null, better: 'lower' },
    { id: 'precache-entries', value: precached.length, unit: 'files', budget: null, better: 'lower' },
  ];
}
