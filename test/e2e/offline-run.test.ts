/**
 * The walking skeleton end to end, in real Chromium against the real server: load the
 * app, let the service worker take control, go offline, reload (the shell comes from
 * the SW cache and the SOPs from IndexedDB), run a demo SOP to the end offline, go back
 * online, and check through the API that the server has the run and its duration.
 * Also checks that Chromium finds the app installable.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../support/browser.ts';
import { type BrowserSession, closeBrowserSession, openBrowserSession } from '../support/browser-session.ts';
import type { RunningServer } from '../support/server-process.ts';
import { driveSequentialRun } from './drive-run.ts';
import { demoVersion, startRunFromList, waitForCompletedRun, waitForController } from './runner-support.ts';

const PHOTO = join(import.meta.dirname, '../../public/icons/icon-192.png');

let server: RunningServer;
let api: BrowserSession['api'];
let profile: Profile;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ({ server, profile, context, page, api } = await openBrowserSession());
});

afterAll(() => closeBrowserSession({ server, profile, context }));

describe('offline run, end to end', () => {
  it('runs a demo SOP offline and the server receives the run with its duration', async () => {
    const { sop, version } = await demoVersion(api, 'Diagnosis');
    await page.goto(server.url);
    await waitForController(page);
    await page
      .getByRole('link', { name: /Diagnosis/ })
      .first()
      .waitFor();

    await context.setOffline(true);
    await page.reload();
    const runId = await startRunFromList(page, /Diagnosis/);

    const steps = await driveSequentialRun(page, version.content, { photoPath: PHOTO });
    expect(steps.length).toBeGreaterThanOrEqual(5);
    await page.getByRole('button', { name: 'Finish run' }).click();
    await page.getByRole('button', { name: 'Finish run' }).waitFor({ state: 'detached' });

    // Nothing could reach the server while offline.
    expect((await api(`/api/runs/${runId}`)).status).toBe(404);

    await context.setOffline(false);
    const run = await waitForCompletedRun<{ status?: string; durationMs?: number; sopId?: string; steps?: unknown[] }>(
      api,
      runId,
    );
    expect(run.sopId).toBe(sop.id);
    expect(run.durationMs).toBeGreaterThan(0);
    expect(run.steps).toHaveLength(steps.length);
  });

  it('is installable: Chromium reports no installability error', async () => {
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: unknown[];
    };
    expect(installabilityErrors).toEqual([]);
  });
});
