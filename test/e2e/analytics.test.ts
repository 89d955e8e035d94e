/**
 * The demo organisation's dashboards in real Chromium, on the first start's generated
 * history: the overview, the diagnosis with its bottleneck, v1 against v2 in words, the
 * final test's most frequent error, an outlier's timeline, and the onboarding of Léa
 * (proficient) and Hugo (not yet). axe-core finds no violation on any of them, and the
 * runner's first screen never downloads the analytics code.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSopId } from '../../src/server/seed.ts';
import type { Profile } from '../support/browser.ts';
import { axeViolations as pageViolations } from '../support/axe-browser.ts';
import { closeBrowserSession, openBrowserSession } from '../support/browser-session.ts';
import type { RunningServer } from '../support/server-process.ts';

let server: RunningServer;
let profile: Profile;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ({ server, profile, context, page } = await openBrowserSession({ role: 'owner' }));
});
afterAll(() => closeBrowserSession({ server, profile, context }));

const axeViolations = () => pageViolations(page);

async function open(path: string, heading: string | RegExp): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

describe('demo dashboards', () => {
  it('the runner’s first screen loads no analytics code', async () => {
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await open('/', 'Procedures');
    await page.getByRole('link', { name: 'Diagnosis' }).first().waitFor();
    expect(scripts.filter((s) => /analytics|Overview|SopAnalytics|Onboarding|RunTimeline|Compare/i.test(s))).toEqual(
      [],
    );
  });

  it('overview: KPIs, overdue reviews and the phones’ last sync', async () => {
    await open('/analytics', 'Analytics');
    const table = page.getByRole('table', { name: 'Procedures: time, errors and reviews' });
    await expect(table.getByRole('row', { name: /Diagnosis/ }).textContent()).resolves.toContain('v2');
    expect(await table.getByText('Review overdue').count()).toBe(4);
    expect(await page.getByText(/Léa Garnier’s phone/).count()).toBe(1);
    expect(await axeViolations()).toEqual([]);
  });

  it('diagnosis: the bottleneck is locating the faulty part, and outliers open their timeline', async () => {
    await open(`/analytics/sops/${demoSopId('diagnosis')}`, 'Diagnosis');
    const steps = page.getByRole('table', { name: 'Where the time goes, step by step' });
    const row = steps.getByRole('row', { name: /Locate the faulty part/ });
    expect(await row.textContent()).toContain('Bottleneck');
    expect(await axeViolations()).toEqual([]);
    await page
      .getByRole('link', { name: /^\d+ h \d+ min — / })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: 'Run timeline' }).waitFor();
    await page.getByRole('img', { name: 'Steps on a time axis' }).waitFor();
    expect(await page.getByText(/the longest was Locate the faulty part/).count()).toBe(1);
    expect(await axeViolations()).toEqual([]);
  });

  it('v1 against v2: clearly faster, and not chance', async () => {
    await open(`/analytics/sops/${demoSopId('diagnosis')}/compare?a=1&b=2`, 'Version 1 against version 2');
    const verdict = await page.getByRole('region', { name: 'In short' }).textContent();
    expect(verdict).toMatch(/v2 is \d+% faster than v1; this is very unlikely to be chance\./);
    expect(await axeViolations()).toEqual([]);
  });

  it('final test: the tyre pressure has the most errors', async () => {
    await open(`/analytics/sops/${demoSopId('final-test')}`, 'Final test');
    const row = page
      .getByRole('table', { name: 'Where the time goes, step by step' })
      .getByRole('row', { name: /tyre pressure/i });
    expect(await row.textContent()).toContain('Most errors');
  });

  it('onboarding: Léa is proficient on the diagnosis, Hugo is still learning', async () => {
    await open('/analytics/onboarding', 'Onboarding');
    const lea = await page.getByRole('region', { name: 'Léa Garnier' }).textContent();
    expect(lea).toMatch(/Diagnosis — proficient at run \d+, \d+ days after the first/);
    const hugo = await page.getByRole('region', { name: 'Hugo Lefèvre' }).textContent();
    expect(hugo).toMatch(/Diagnosis — learning: \d+ run\(s\) so far/);
    expect(await axeViolations()).toEqual([]);
  });
});
