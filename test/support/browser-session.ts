/**
 * What every browser test file sets up and tears down: the real server, a fresh Chromium
 * profile and its first page, signed in through the sign-in screen as a demo account
 * (the technician unless the test says otherwise), and `api`, a fetch signed in as the
 * demo owner for checking what reached the server.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { Role } from '../../src/shared/auth.ts';
import { newProfile, type Profile } from './browser.ts';
import { type RunningServer, startServer } from './server-process.ts';

export interface BrowserSession {
  server: RunningServer;
  profile: Profile;
  context: BrowserContext;
  page: Page;
  /** fetch of `server.url + path` as the demo owner (session cookie and CSRF header). */
  api: (path: string, init?: RequestInit) => Promise<Response>;
}

/** Signs in on the sign-in screen of the app at `url`, as a person would. */
export async function signInWith(page: Page, url: string, credential: { email: string; password: string }) {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email').fill(credential.email);
  await page.getByLabel('Password').fill(credential.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((next) => !next.pathname.startsWith('/sign-in'), { timeout: 30_000 });
}

/** Signs in on the sign-in screen with the demo account of `role`. */
export async function signInPage(page: Page, server: RunningServer, role: Role): Promise<void> {
  const credential = server.credentials().get(role);
  if (!credential) throw new Error(`the server printed no demo ${role} account`);
  await signInWith(page, server.url, credential);
}

export async function openBrowserSession(options: { role?: Role } = {}): Promise<BrowserSession> {
  const server = await startServer();
  const profile = newProfile();
  const context = await profile.open();
  const page = context.pages()[0] ?? (await context.newPage());
  await signInPage(page, server, options.role ?? 'technician');
  return { server, profile, context, page, api: await server.fetcher('owner') };
}

/** Closes what was opened; safe after a set-up that failed half-way. */
export async function closeBrowserSession(session: Partial<Omit<BrowserSession, 'page'>>): Promise<void> {
  await session.context?.close();
  session.profile?.remove();
  await session.server?.stop();
}
