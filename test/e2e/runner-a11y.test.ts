/**
 * Accessibility of every runner screen in real Chromium: axe-core (injected from
 * node_modules) finds no violation on the list, the detail, the run screen of each step
 * kind, the flag / skip / abort panels, the previous-steps review, the finish summary and
 * the ended run. On each, at 320 px wide and with 200 % text, nothing overflows sideways
 * and every button is at least 48 px tall.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../support/browser.ts';
import { axeViolations as pageViolations } from '../support/axe-browser.ts';
import { closeBrowserSession, openBrowserSession } from '../support/browser-session.ts';
import type { RunningServer } from '../support/server-process.ts';
import { currentHeading } from './runner-support.ts';

const PHOTO = join(import.meta.dirname, '../../public/icons/icon-192.png');

let server: RunningServer;
let profile: Profile;
let context: BrowserContext;
let page: Page;

const axeViolations = () => pageViolations(page);

/** Elements wider than the viewport and buttons under 48 px, at the current text size. */
async function layoutProblems(): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width)
      problems.push(`page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
    for (const el of document.querySelectorAll<HTMLElement>(
      'button, a.button, .card-link, .file-button, summary, select, input.field',
    )) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.height < 47.5)
        problems.push(`${el.tagName.toLowerCase()} "${el.textContent?.trim()}" is ${box.height.toFixed(1)} px tall`);
      if (box.right > width + 0.5) problems.push(`${el.tagName.toLowerCase()} "${el.textContent?.trim()}" overflows`);
    }
    // The action bar fixed at thumb reach must never hide the end of the page.
    window.scrollTo(0, document.documentElement.scrollHeight);
    const bar = document.querySelector<HTMLElement>('.primary-actions');
    if (bar && getComputedStyle(bar).position === 'fixed') {
      const top = bar.getBoundingClientRect().top;
      if (top < window.innerHeight * 0.6)
        problems.push(`the action bar takes ${Math.round(window.innerHeight - top)} px`);
      for (const el of document.querySelectorAll<HTMLElement>('main *')) {
        if (bar.contains(el) || el.children.length > 0) continue;
        const box = el.getBoundingClientRect();
        if (box.height > 0 && box.bottom > top + 0.5)
          problems.push(`"${el.textContent?.trim()}" is hidden under the action bar`);
      }
    }
    window.scrollTo(0, 0);
    return problems;
  });
}

/** axe at the phone size, then layout at 320 px with normal and 200 % text. */
async function check(screen: string): Promise<void> {
  expect({ screen, violations: await axeViolations() }).toEqual({ screen, violations: [] });
  await page.setViewportSize({ width: 320, height: 640 });
  for (const size of ['100%', '200%']) {
    await page.evaluate((s) => {
      document.documentElement.style.fontSize = s;
    }, size);
    expect({ screen, size, problems: await layoutProblems() }).toEqual({ screen, size, problems: [] });
  }
  await page.evaluate(() => {
    document.documentElement.style.fontSize = '';
  });
  await page.setViewportSize({ width: 390, height: 844 });
}

async function nextStep(action: () => Promise<void>): Promise<string> {
  const before = await currentHeading(page);
  await action();
  await page.waitForFunction((title) => document.querySelector('h2[id^="step-title-"]')?.textContent !== title, before);
  return currentHeading(page);
}

const button = (name: string) => page.getByRole('button', { name, exact: true });

beforeAll(async () => {
  ({ server, profile, context, page } = await openBrowserSession());
});

afterAll(() => closeBrowserSession({ server, profile, context }));

describe('runner accessibility (axe, 320 px, 200 % text)', () => {
  it('has no violation on any runner screen', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Customer reception' }).waitFor();
    await check('list');
    await page.getByRole('link', { name: 'Customer reception' }).click();
    await page.getByRole('button', { name: 'Start run' }).waitFor();
    await check('detail');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/\/runs\//);
    await currentHeading(page);
    await check('check step');

    await button('Flag a problem').click();
    await check('flag panel');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await button('Skip step').click();
    await check('skip panel');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await button('Abort run').click();
    await check('abort panel');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await nextStep(() => button('Done').click());
    await check('text step');
    await page.locator('.step-form input.field').fill('Ms Martin');
    await nextStep(() => button('Done').click());
    await page.locator('.step-form input.field').fill('AB-123-CD');
    await nextStep(() => button('Done').click());
    await page.locator('.step-form input.field').fill('-5');
    await check('reading step, out of range');
    await page.locator('.step-form input.field').fill('45000');
    await nextStep(() => button('Done').click());
    await page.getByText(/Previous steps/).click();
    await check('previous steps open');
    await page.locator('.step-form input.field').fill('Noise when braking');
    await nextStep(() => button('Done').click());
    await page.locator('input[type=file]').setInputFiles(PHOTO);
    await page.locator('.thumbnails .thumbnail').first().waitFor();
    await check('photo step with a thumbnail');
    await nextStep(() => button('Done').click());
    await check('decision step');
    await nextStep(() => button('No').click());
    await page.getByRole('button', { name: 'Pause' }).click();
    await check('paused run');
    await page.getByRole('button', { name: 'Resume' }).click();
    while ((await page.locator('h2[id^="step-title-"]').count()) > 0)
      await nextStep(() => button('Done').click()).catch(() => '');
    await page.getByRole('button', { name: 'Finish run' }).waitFor();
    await check('finish summary');
    await page.getByRole('button', { name: 'Finish run' }).click();
    await page.getByRole('heading', { name: 'Run completed' }).waitFor();
    await check('run completed');
  });
});
