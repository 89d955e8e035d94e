/**
 * In-page probes of the runner benchmark (run inside Chromium through page.evaluate; they
 * use only DOM and IndexedDB APIs, never the app's modules).
 *
 * Commit: IDBDatabase.prototype.transaction is wrapped so every read-write transaction
 * over the `events` store reports its `complete` event — the moment the tap is durable.
 * Paint: a MutationObserver sees the step heading change, then the next
 * requestAnimationFrame callback marks the frame that paints it.
 */
import type { BrowserContext, Page } from 'playwright-core';

export interface TapTiming {
  commitMs: number;
  /** The part of commitMs spent inside the IndexedDB transaction (opened → complete). */
  transactionMs: number;
  /** When the next step's heading is in the DOM (before the frame that paints it). */
  domMs: number;
  paintMs: number;
}

type ProbeWindow = Window & { __onEventsCommit?: (openedAt: number) => void };

/**
 * Installs the commit probe in every page of `context`, before the app's scripts: Dexie
 * binds IDBDatabase#transaction when it opens the database, so a later patch is not seen.
 */
export async function installCommitProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as ProbeWindow;
    const original = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      const openedAt = performance.now();
      const tx = original.apply(this, args);
      const [stores, mode] = args;
      const names = typeof stores === 'string' ? [stores] : [...stores];
      if (mode === 'readwrite' && names.includes('events')) {
        tx.addEventListener('complete', () => w.__onEventsCommit?.(openedAt));
      }
      return tx;
    } as IDBDatabase['transaction'];
  });
}

/**
 * Taps "Done" once; resolves with the time to the commit and to the paint of what follows
 * (the next step, or the summary when no step is left).
 */
export function tapDone(page: Page): Promise<TapTiming> {
  return page.evaluate(
    () =>
      new Promise<TapTiming>((resolve, reject) => {
        const w = window as ProbeWindow;
        // No named inner functions here: the bundler would wrap them in a helper the page lacks.
        const selector = 'h2[id^="step-title-"]';
        const before = document.querySelector(selector)?.id ?? null;
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Done');
        if (!before || !button) return reject(new Error('no step with a Done button on screen'));
        let commit: number | null = null;
        let opened = 0;
        w.__onEventsCommit = (openedAt) => {
          if (commit !== null) return;
          commit = performance.now();
          opened = openedAt;
        };
        const observer = new MutationObserver(() => {
          if ((document.querySelector(selector)?.id ?? null) === before) return;
          observer.disconnect();
          const dom = performance.now();
          requestAnimationFrame(() => {
            const paint = performance.now();
            w.__onEventsCommit = undefined;
            if (commit === null) reject(new Error('the step changed before any commit'));
            else
              resolve({ commitMs: commit - t0, transactionMs: commit - opened, domMs: dom - t0, paintMs: paint - t0 });
          });
        });
        observer.observe(document.body, { childList: true, subtree: true });
        const t0 = performance.now();
        button.click();
      }),
  );
}

/**
 * Clicks the "Continue" link of a run in progress and resolves with the time until the
 * run's step heading is painted.
 */
export function openRunFromList(page: Page, linkName: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const link = [...document.querySelectorAll('a')].find((a) => a.getAttribute('aria-label') === name);
        if (!link) return reject(new Error(`no link "${name}"`));
        const observer = new MutationObserver(() => {
          if (!document.querySelector('h2[id^="step-title-"]')) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - t0));
        });
        observer.observe(document.body, { childList: true, subtree: true });
        const t0 = performance.now();
        link.click();
      }),
    linkName,
  );
}
