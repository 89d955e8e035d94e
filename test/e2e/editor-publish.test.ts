/**
 * Authoring end to end, in real Chromium against the real server: an author opens the
 * library, edits the demo SOP "Final test" in the editor (autosaved), publishes it as
 * version 2 with a change note; a technician's phone — another browser profile — pulls
 * version 2. axe (injected into the page) finds no violation on the authoring screens.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/shared/auth.ts';
import { axeViolations } from '../support/axe-browser.ts';
import { newProfile, type Profile } from '../support/browser.ts';
import { signInPage } from '../support/browser-session.ts';
import { type RunningServer, startServer } from '../support/server-process.ts';

let server: RunningServer;

/** The phone's list entry of "Final test" at `version`. */
const finalTestCard = (page: Page, version: number) =>
  page
    .getByRole('listitem')
    .filter({ hasText: 'Final test' })
    .filter({ hasText: `Version ${version}` });
const profiles: Profile[] = [];
const contexts: BrowserContext[] = [];

/** A new browser profile, signed in as the demo account of `role`. */
async function openPage(role: Role): Promise<Page> {
  const profile = newProfile();
  profiles.push(profile);
  const context = await profile.open();
  contexts.push(context);
  const page = context.pages()[0] ?? (await context.newPage());
  await signInPage(page, server, role);
  return page;
}

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  for (const profile of profiles) profile.remove();
  await server?.stop();
});

describe('publishing a new version from the editor', () => {
  it('publishes v2 of a demo SOP and a second device pulls it; axe finds no violation', async () => {
    const phone = await openPage('technician');
    await phone.goto(server.url);
    await finalTestCard(phone, 1).waitFor();

    const author = await openPage('author');
    await author.goto(`${server.url}/library`);
    await author.getByRole('heading', { name: 'SOP library', level: 1 }).waitFor();
    await author.getByRole('link', { name: /Final test/ }).waitFor();
    expect(await axeViolations(author)).toEqual([]);

    await author.getByRole('link', { name: /Final test/ }).click();
    await author.getByRole('heading', { name: 'Version history' }).waitFor();
    expect(await axeViolations(author)).toEqual([]);

    await author.getByRole('link', { name: 'Edit the draft' }).click();
    await author.getByRole('heading', { name: 'Edit the draft', level: 1 }).waitFor();
    expect(await axeViolations(author)).toEqual([]);

    const firstTitle = author
      .getByRole('group', { name: 'Step 1', exact: true })
      .getByRole('textbox', { name: 'Title' });
    await firstTitle.fill('Road test: at least 5 km');
    await author.getByText('All changes saved').waitFor({ timeout: 10_000 });
    await author.getByRole('textbox', { name: 'What changed (change note)' }).fill('Longer road test');
    await author.getByRole('button', { name: 'Publish version 2' }).click();
    await author.getByText(/Version 2 published/).waitFor();
    expect(await axeViolations(author)).toEqual([]);

    await author.getByRole('link', { name: 'See the history' }).click();
    await author.getByRole('cell', { name: 'Longer road test' }).waitFor();
    await author.getByRole('button', { name: 'Compare' }).click();
    await author.getByRole('heading', { name: 'Version 1 → version 2' }).waitFor();
    expect(await axeViolations(author)).toEqual([]);

    await author.goto(`${server.url}/library/import`);
    await author
      .getByRole('textbox', { name: 'Paste the procedure' })
      .fill('# Opening\n\n1. Disarm the alarm\n2. Lights on?');
    await author.getByRole('button', { name: 'Preview' }).click();
    await author.getByRole('heading', { name: /Preview: 2 step/ }).waitFor();
    expect(await axeViolations(author)).toEqual([]);

    // The phone pulls at start-up: reload until version 2 is there.
    await expect
      .poll(
        async () => {
          await phone.reload();
          return finalTestCard(phone, 2)
            .waitFor({ timeout: 2000 })
            .then(
              () => true,
              () => false,
            );
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
  });
});
