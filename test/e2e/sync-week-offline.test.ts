/**
 * A week offline, then one sync — in real Chromium against the real server. The app is
 * loaded and its service worker takes control; the network goes away; a technician
 * runs a demo SOP through the screens, and a week of further work (300 runs, written
 * straight into the device's IndexedDB in recordEvents' row shape) piles up in the
 * outbox. When the network comes back the `online` trigger drains it: the server then
 * holds every run, and the device's whole sequence with no gap.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushResponse } from '../../src/shared/sync.ts';
import { countPending, seedQueuedRuns } from '../bench/drain-seed.ts';
import type { Profile } from '../support/browser.ts';
import { type BrowserSession, closeBrowserSession, openBrowserSession } from '../support/browser-session.ts';
import type { RunningServer } from '../support/server-process.ts';
import { driveSequentialRun } from './drive-run.ts';
import { demoVersion, startRunFromList } from './runner-support.ts';

let server: RunningServer;
let api: BrowserSession['api'];
let profile: Profile;
let context: BrowserContext;
let page: Page;

/** The server's view of a device's sequence, from an empty push (adds nothing). */
async function deviceCoverage(deviceId: string) {
  const res = await api(`/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      protocol: 1,
      appVersion: 'e2e',
      deviceId,
      batchId: crypto.randomUUID(),
      sentAt: Date.now(),
      events: [],
    }),
  });
  return PushResponse.parse(await res.json());
}

beforeAll(async () => {
  ({ server, profile, context, page, api } = await openBrowserSession());
});

afterAll(() => closeBrowserSession({ server, profile, context }));

describe('a week offline, then one sync', () => {
  it('drains hundreds of queued runs in one go and the server holds them all', async () => {
    const { sop, version } = await demoVersion(api, 'Diagnosis');
    await page.goto(server.url);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page
      .getByRole('link', { name: /Diagnosis/ })
      .first()
      .waitFor();
    // The start-up sync (after the sign-in) is over before the device goes offline.
    await page.waitForLoadState('networkidle');
    const pushes: string[] = [];
    page.on('request', (req) => {
      if (new URL(req.url()).pathname === '/api/sync/push') pushes.push(req.url());
    });

    await context.setOffline(true);
    await page.evaluate(() => window.dispatchEvent(new Event('offline')));
    const tappedRun = await startRunFromList(page, /Diagnosis/);
    await driveSequentialRun(page, version.content, { answer: 'No' });
    await page.getByRole('button', { name: 'Finish run' }).click();
    await page.getByRole('button', { name: 'Finish run' }).waitFor({ state: 'detached' });

    const stepIds = version.content.steps.slice(0, 6).map((s) => s.id);
    const seeded = await seedQueuedRuns(page, { runs: 300, stepIds, sopId: sop.id, sopVersion: version.version });
    expect(seeded.events).toBe(300 * 14);
    expect(await countPending(page)).toBeGreaterThan(seeded.events);
    expect(pushes).toEqual([]);

    await context.setOffline(false);
    await expect.poll(() => countPending(page), { timeout: 60_000, interval: 250 }).toBe(0);

    const coverage = await deviceCoverage(seeded.deviceId);
    expect(coverage.highestContiguousDeviceSeq).toBe(seeded.lastDeviceSeq);
    expect(coverage.gaps).toEqual([]);
    for (const runId of [tappedRun, seeded.runIds[0], seeded.runIds[150], seeded.runIds[299]]) {
      const run = await (await api(`/api/runs/${runId}`)).json();
      expect(run).toMatchObject({ id: runId, sopId: sop.id, status: 'completed' });
    }
    // One pass: batches of at most MAX_PUSH_EVENTS events, no batch sent twice.
    expect(pushes.length).toBeLessThanOrEqual(Math.ceil((seeded.lastDeviceSeq + 1) / 200) + 1);
    await page.goto(`${server.url}/sync`);
    expect(await page.getByText('Everything is synced.').textContent()).toBeTruthy();
  });
});
