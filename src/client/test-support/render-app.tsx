/** Renders the whole app at a path, as a user would see it, over the test's IndexedDB. */
import { createMemoryHistory } from '@tanstack/react-router';
import { render } from '@testing-library/preact';
import { App } from '../app/App.tsx';
import { loadAuth } from '../auth/account-store.ts';
import { clearDatabase, db } from '../db/database.ts';
import { putPulledItems } from '../db/sops.ts';
import type { EventRow } from '../db/types.ts';
import { applyLocale } from '../i18n/index.ts';
import { createAppRouter } from '../router.tsx';
import { cacheAccount } from './accounts.ts';
import { demoItems } from './sops.ts';

export function renderApp(path: string) {
  applyLocale('en');
  // jsdom has no scrolling; the router scrolls to the top on navigation.
  window.scrollTo = () => undefined;
  const router = createAppRouter(createMemoryHistory({ initialEntries: [path] }));
  const view = render(<App router={router} />);
  return { ...view, router };
}

/** An empty database holding the demo SOPs, as after a first pull, nobody signed in. */
export async function seedSignedOut(): Promise<void> {
  await clearDatabase();
  await db.transaction('rw', [db.sops, db.versions], () => putPulledItems(demoItems()));
  await loadAuth();
}

/** An empty database holding the demo SOPs, as after a first pull, signed in as an owner. */
export async function seedDemo(): Promise<void> {
  await seedSignedOut();
  await cacheAccount();
}

/** The stored events of a run, in order, as "type:stepId" strings. */
export async function eventLog(runId?: string): Promise<string[]> {
  const rows: EventRow[] = runId
    ? await db.events.where('[runId+seq]').between([runId, -Infinity], [runId, Infinity]).toArray()
    : await db.events.orderBy('deviceSeq').toArray();
  return rows.map((e) => ('stepId' in e.payload ? `${e.type}:${e.payload.stepId}` : e.type));
}
