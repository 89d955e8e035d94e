/**
 * Accounts in real Chromium against the real server:
 * - a hostile SOP (an XSS payload in its title and step text, published by an author)
 *   renders inert for a technician: no script of it runs, and our own code triggers no
 *   Content-Security-Policy violation;
 * - a technician runs a SOP offline, their session is revoked meanwhile (a password
 *   change elsewhere), the phone comes back online, says "Signed out — sign in again to
 *   sync", keeps the run, and after signing in again every queued event arrives.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../support/browser.ts';
import { closeBrowserSession, openBrowserSession, type BrowserSession } from '../support/browser-session.ts';
import type { RunningServer } from '../support/server-process.ts';
import { driveSequentialRun } from './drive-run.ts';
import { demoVersion, startRunFromList, waitForCompletedRun, waitForController } from './runner-support.ts';

const PHOTO = join(import.meta.dirname, '../../public/icons/icon-192.png');
const XSS_TITLE = '<img src=x onerror="window.__xss=1">Torque check';
const XSS_TEXT = '<script>window.__xss=2</script><img src=x onerror="window.__xss=3">Tighten the wheel nuts';

let server: RunningServer;
let profile: Profile;
let context: BrowserContext;
let page: Page;
let api: BrowserSession['api'];

beforeAll(async () => {
  ({ server, profile, context, page, api } = await openBrowserSession());
  // Every CSP violation the page reports, from the first script on.
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
});
afterAll(() => closeBrowserSession({ server, profile, context }));

async function publishHostileSop(): Promise<void> {
  const author = await server.fetcher('author');
  const draft = {
    title: { en: XSS_TITLE },
    category: 'operational',
    ownerName: null,
    reviewIntervalDays: 90,
    content: {
      mode: 'sequential',
      objective: { en: XSS_TEXT },
      prerequisites: [],
      steps: [
        { id: 'torque', kind: 'check', title: { en: XSS_TITLE }, instructions: { en: XSS_TEXT }, critical: false },
      ],
      acceptanceCriteria: [],
    },
  };
  const created = await author('/api/sops', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ draft }),
  });
  expect(created.status).toBe(201);
  const envelope = (await created.json()) as { sopId: string; revision: number };
  const published = await author(`/api/sops/${envelope.sopId}/publish`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ revision: envelope.revision, changeNote: 'First version' }),
  });
  expect(published.status).toBe(200);
}

describe('accounts in the browser', () => {
  it('renders a SOP with an XSS payload as text: nothing runs, no CSP violation', async () => {
    await publishHostileSop();
    await page.goto(server.url);
    const card = page.getByRole('link', { name: /Torque check/ }).first();
    await card.waitFor({ timeout: 30_000 });
    await card.click();
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.getByRole('heading', { level: 2, name: /Torque check/ }).waitFor();
    await expect(page.getByText('Tighten the wheel nuts', { exact: false }).first()).toBeTruthy();
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.evaluate(() => document.querySelectorAll('main img[src="x"], main script').length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  });

  it('keeps an offline run through a revoked session and sends every event after signing in again', async () => {
    const { version } = await demoVersion(api, 'Diagnosis');
    await page.goto(server.url);
    await waitForController(page);
    await context.setOffline(true);
    await page.reload();
    const runId = await startRunFromList(page, /Diagnosis/);
    const steps = await driveSequentialRun(page, version.content, { photoPath: PHOTO });
    await page.getByRole('button', { name: 'Finish run' }).click();
    await page.getByRole('button', { name: 'Finish run' }).waitFor({ state: 'detached' });

    // Meanwhile the technician changes their password on another device: this session ends.
    const credential = server.credentials().get('technician');
    if (!credential) throw new Error('no demo technician');
    const elsewhere = await server.fetcher('technician');
    const newPassword = 'a brand new password';
    const changed = await elsewhere('/api/auth/password', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: credential.password, newPassword }),
    });
    expect(changed.status).toBe(204);

    await context.setOffline(false);
    await page.goto(`${server.url}/sync`);
    await page.getByText('Signed out — sign in again to sync.').first().waitFor({ timeout: 30_000 });
    expect((await api(`/api/runs/${runId}`)).status).toBe(404);

    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Email').fill(credential.email);
    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

    const run = await waitForCompletedRun<{ status?: string; steps?: unknown[] }>(api, runId);
    expect(run.steps).toHaveLength(steps.length);
  });
});
