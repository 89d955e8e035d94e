/**
 * What every browser test file sets up and tears down: the real server, a fresh Chromium
 * profile and its first page.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { newProfile, type Profile } from './browser.ts';
import { type RunningServer, startServer } from './server-process.ts';

export interface BrowserSession {
  server: RunningServer;
  profile: Profile;
  context: BrowserContext;
  page: Page;
}

export async function openBrowserSession(): Promise<BrowserSession> {
  const server = await startServer();
  const profile = newProfile();
  const context = await profile.open();
  const page = context.pages()[0] ?? (await context.newPage());
  return { server, profile, context, page };
}

/** Closes what was opened; safe after a set-up that failed half-way. */
export async function closeBrowserSession(session: Partial<Omit<BrowserSession, 'page'>>): Promise<void> {
  await session.context?.close();
  session.profile?.remove();
  await session.server?.stop();
}
