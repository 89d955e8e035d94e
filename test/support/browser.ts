/**
 * Launches the system Chromium (Debian's /usr/bin/chromium, or $CHROME_PATH) with
 * playwright-core and a fresh profile. The flags keep Chromium quiet on a machine with
 * no outside network; a persistent context lets a test close and reopen the same profile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const chromiumPath = () => process.env.CHROME_PATH || '/usr/bin/chromium';

export interface Profile {
  dir: string;
  open: () => Promise<BrowserContext>;
  remove: () => void;
}

/** A browser profile on disk that can be opened, closed and reopened. */
export function newProfile(): Profile {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbook-chromium-'));
  return {
    dir,
    open: () =>
      chromium.launchPersistentContext(dir, {
        executablePath: chromiumPath(),
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 390, height: 844 },
        locale: 'en-US',
      }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
