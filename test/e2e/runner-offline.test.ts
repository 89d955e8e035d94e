/**
 * Issue 3, end to end in real Chromium against the real server: with the network off,
 * run "Customer reception" (check, text, reading, photo, decision steps) with a flag and
 * a skip and a photo from a fixture file; close the browser in the middle of the run,
 * reopen the same profile, resume at the same step; finish; go online and check on the
 * server the run, each step's duration and outcome, the flags, and the uploaded photo.
 * On the way, a step image loaded online is served offline by the worker's image cache.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PulledSopVersion } from '../../src/shared/sync.ts';
import { IMAGE_CACHE } from '../../sw/image-cache-rules.ts';
import type { Profile } from '../support/browser.ts';
import { type BrowserSession, closeBrowserSession, openBrowserSession } from '../support/browser-session.ts';
import type { RunningServer } from '../support/server-process.ts';
import { driveSequentialRun } from './drive-run.ts';
import { currentHeading, demoVersion, readStore, waitForCompletedRun, waitForController } from './runner-support.ts';

const PHOTO = join(import.meta.dirname, '../../public/icons/icon-512.png');
const CLOSED_MS = 1500;

let server: RunningServer;
let api: BrowserSession['api'];
let profile: Profile;
let context: BrowserContext;
let page: Page;
let reception: PulledSopVersion;

interface ServerRun {
  status?: string;
  sopVersion?: number;
  durationMs?: number;
  flaggedSteps?: number;
  steps?: { stepId: string; status: string; durationMs: number; flagged: boolean; flagCategories: string[] }[];
}

async function openOffline(): Promise<void> {
  context = await profile.open();
  page = context.pages()[0] ?? (await context.newPage());
  await context.setOffline(true);
}

async function flagCurrentStep(category: string, note: string): Promise<void> {
  await page.getByRole('button', { name: 'Flag a problem' }).click();
  await page.getByRole('radio', { name: category }).check();
  await page.getByRole('textbox', { name: 'What is wrong?' }).fill(note);
  await page.getByRole('button', { name: 'Save the problem' }).click();
  await page.getByText('Problem recorded. The run continues.').waitFor();
}

async function skipCurrentStep(reason: string): Promise<void> {
  const before = await currentHeading(page);
  await page.getByRole('button', { name: 'Skip step' }).click();
  await page.getByRole('textbox', { name: 'Why skip this step?' }).fill(reason);
  await page.getByRole('button', { name: 'Skip this step' }).click();
  await page.waitForFunction((title) => document.querySelector('h2[id^="step-title-"]')?.textContent !== title, before);
}

const stopAt = (stepId: string) => (step: { id: string }) => step.id !== stepId;

/** Not in the precache list (the query string), so only the image route can answer it offline. */
const STEP_IMAGE = '/icons/icon-192.png?step=1';

function cachedImagePaths(): Promise<string[]> {
  return page.evaluate(async (name) => {
    const keys = await (await caches.open(name)).keys();
    return keys.map((request) => {
      const url = new URL(request.url);
      return url.pathname + url.search;
    });
  }, IMAGE_CACHE);
}

beforeAll(async () => {
  ({ server, profile, context, page, api } = await openBrowserSession());
  reception = await demoVersion(api, 'Customer reception');
});

afterAll(() => closeBrowserSession({ server, profile, context }));

describe('running a SOP offline, across a browser restart', () => {
  it('keeps every tap, resumes at the same step, and the server gets the run, flags and photo', async () => {
    const content = reception.version.content;
    await page.goto(server.url);
    await waitForController(page);
    await page.getByRole('link', { name: 'Customer reception' }).waitFor();

    // A step image loaded online is kept by the worker's cache-first image route.
    const loadImage = (src: string) =>
      page.evaluate(
        (url) =>
          new Promise<boolean>((resolve) => {
            const img = new Image();
            img.onload = () => resolve(true);
            img.onerror = () => resolve(false);
            img.src = url;
          }),
        src,
      );
    expect(await loadImage(STEP_IMAGE)).toBe(true);
    // The worker stores the response after handing it to the page: wait for the write.
    await expect.poll(cachedImagePaths, { timeout: 10_000 }).toContain(STEP_IMAGE);

    await context.setOffline(true);
    await page.reload();
    expect(await loadImage(STEP_IMAGE)).toBe(true);
    await page.getByRole('link', { name: 'Customer reception' }).click();
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/\/runs\//);
    const runId = new URL(page.url()).pathname.split('/').pop() ?? '';

    const title = (stepId: string) => content.steps.find((s) => s.id === stepId)?.title.en;
    expect(await currentHeading(page)).toBe(title('greet'));
    await flagCurrentStep('Safety', 'Oil stain at the counter');
    await driveSequentialRun(page, content, { beforeStep: stopAt('mileage') });
    const before = await currentHeading(page);
    const progressBefore = await page.locator('.step .progress').textContent();
    expect(before).toBe(title('mileage'));

    // Kill the browser mid-step, offline; the step's clock keeps running meanwhile.
    await context.close();
    await new Promise((resolve) => setTimeout(resolve, CLOSED_MS));
    await openOffline();
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Continue Customer reception' }).click();
    expect(await currentHeading(page)).toBe(before);
    expect(await page.locator('.step .progress').textContent()).toBe(progressBefore);
    await page.getByText('Previous steps (3)').waitFor();

    await driveSequentialRun(page, content, { beforeStep: stopAt('complaint') });
    await skipCurrentStep('Customer in a hurry');
    const driven = await driveSequentialRun(page, content, { photoPath: PHOTO, answer: 'Yes' });
    expect(driven).toContain('arrival-photos');
    for (const box of await page.getByRole('checkbox').all()) await box.check();
    await page.getByRole('button', { name: 'Finish run' }).click();
    await page.getByRole('heading', { name: 'Run completed' }).waitFor();
    expect((await api(`/api/runs/${runId}`)).status).toBe(404);

    const [photo] = await readStore<{ id: string; bytes: number; mime: string }>(page, 'photos');
    expect(photo?.mime).toBe('image/jpeg');

    await context.setOffline(false);
    const run = await waitForCompletedRun<ServerRun>(api, runId);

    expect(run.sopVersion).toBe(reception.version.version);
    const steps = new Map(run.steps?.map((s) => [s.stepId, s]));
    expect([...steps.keys()]).toEqual([
      'greet',
      'customer-name',
      'plate-number',
      'mileage',
      'complaint',
      'arrival-photos',
      'needs-courtesy-car',
      'lend-courtesy-car',
      'sign-repair-order',
      'tag-keys',
    ]);
    expect(steps.get('complaint')?.status).toBe('skipped');
    expect([...steps.values()].filter((s) => s.status === 'done')).toHaveLength(9);
    expect(steps.get('greet')).toMatchObject({ flagged: true, flagCategories: ['safety'] });
    expect(run.flaggedSteps).toBe(1);
    // The step open while the browser was closed counts that time; every step has a time.
    expect(steps.get('mileage')?.durationMs).toBeGreaterThanOrEqual(CLOSED_MS);
    for (const step of steps.values()) expect(step.durationMs).toBeGreaterThan(0);
    const stepSum = [...steps.values()].reduce((sum, s) => sum + s.durationMs, 0);
    expect(stepSum).toBeLessThanOrEqual(run.durationMs ?? 0);

    // The photo goes up with the sync loop, after the events.
    const uploaded: { body?: Uint8Array; type?: string | null } = {};
    await expect
      .poll(
        async () => {
          const res = await api(`/api/photos/${photo?.id}`);
          if (res.ok)
            Object.assign(uploaded, {
              body: new Uint8Array(await res.arrayBuffer()),
              type: res.headers.get('content-type'),
            });
          return res.status;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(200);
    expect(uploaded.type).toBe('image/jpeg');
    expect(uploaded.body?.byteLength).toBe(photo?.bytes);
    expect([...(uploaded.body?.subarray(0, 2) ?? [])]).toEqual([0xff, 0xd8]);
    expect((await cachedImagePaths()).filter((path) => path.startsWith('/api/'))).toEqual([]);
  });
});
