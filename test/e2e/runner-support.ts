/**
 * Helpers shared by the runner's browser tests: the demo SOP versions as the server
 * serves them, waiting for the service worker to control the page, the step on screen,
 * and reading this device's IndexedDB from inside the page (raw IndexedDB API, so the
 * test does not depend on the app's modules).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { PullResponse, type PulledSopVersion } from '../../src/shared/sync.ts';

/** The latest version of the demo SOP titled `title`, pulled with `api` (a signed-in fetch). */
export async function demoVersion(api: (path: string) => Promise<Response>, title: string): Promise<PulledSopVersion> {
  const res = await api('/api/sync/pull?cursor=0&limit=100');
  const pulled = PullResponse.parse(await res.json());
  const item = pulled.items
    .filter((i) => i.sop.title.en === title)
    .sort((a, b) => b.version.version - a.version.version)[0];
  if (!item) throw new Error(`demo SOP "${title}" not found`);
  return item;
}

/** Polls the server (through `api`, a signed-in fetch) until run `runId` is completed; returns it. */
export async function waitForCompletedRun<T extends { status?: string }>(
  api: (path: string) => Promise<Response>,
  runId: string,
): Promise<T> {
  let run = {} as T;
  await expect
    .poll(
      async () => {
        const res = await api(`/api/runs/${runId}`);
        run = res.ok ? ((await res.json()) as T) : ({} as T);
        return run.status;
      },
      { timeout: 30_000, interval: 250 },
    )
    .toBe('completed');
  return run;
}

/** From the list on screen, opens the SOP whose card matches `title` and starts a run; returns the run id. */
export async function startRunFromList(page: Page, title: RegExp): Promise<string> {
  await page.getByRole('link', { name: title }).first().click();
  await page.getByRole('button', { name: 'Start run' }).click();
  await page.waitForURL(/\/runs\//);
  return new URL(page.url()).pathname.split('/').pop() ?? '';
}

export async function waitForController(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** The heading of the step on screen (waits for one). */
export async function currentHeading(page: Page): Promise<string> {
  const heading = page.locator('h2[id^="step-title-"]');
  await heading.waitFor();
  return (await heading.textContent()) ?? '';
}

/** All rows of one object store of the app's database, read inside the page. */
export function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('fieldbook');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(name, 'readonly').objectStore(name).getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}
