import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../db/database.ts';
import { getMeta } from '../db/meta.ts';
import type { EventRow } from '../db/types.ts';
import { SyncEngine } from '../sync/engine.ts';
import { updateSyncRuntime } from '../sync/status.ts';
import { cacheAccount, testAccount } from '../test-support/accounts.ts';
import { type AccountsServer, accountsServer } from '../test-support/accounts-server.ts';
import { renderApp, seedSignedOut } from '../test-support/render-app.tsx';
import { storeRun } from '../test-support/runs.ts';
import { syncServer } from '../test-support/sync-server.ts';
import { markSignInRequired } from './account-store.ts';

const TECH = testAccount('technician');
const OWNER = testAccount('owner');
let server: AccountsServer;

beforeEach(async () => {
  await seedSignedOut();
  server = accountsServer();
  server.addPerson(TECH, 'right password');
  server.addPerson(OWNER, 'owner password');
});
afterEach(() => {
  vi.restoreAllMocks();
  act(() => updateSyncRuntime({ block: null, lastError: null }));
});

function signInWith(email: string, password: string) {
  fireEvent.input(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.input(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

const pendingOwners = async () =>
  (await db.events.where('sync').equals('pending').toArray())
    .filter((e): e is Extract<EventRow, { type: 'run_started' }> => e.type === 'run_started')
    .map((e) => e.payload.userId);

describe('sign-in', () => {
  it('sends a device without an account to the sign-in, then back to the page it asked for', async () => {
    const view = renderApp('/sync');
    expect(await screen.findByRole('heading', { name: 'Sign in', level: 1 })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Main menu' })).toBeNull();
    signInWith(TECH.email, 'right password');
    expect(await screen.findByRole('heading', { name: 'Sync status', level: 1 })).toBeTruthy();
    expect(view.router.state.location.pathname).toBe('/sync');
    expect(await getMeta('account')).toEqual(TECH);
    const signIn = server.requests.find((r) => r.path === '/api/auth/sign-in');
    expect(signIn).toMatchObject({ method: 'POST', csrf: true, body: { email: TECH.email } });
    const nav = screen.getByRole('navigation', { name: 'Main menu' });
    expect(within(nav).getByRole('link', { name: 'Account' })).toBeTruthy();
    expect(within(nav).queryByRole('link', { name: 'Library' })).toBeNull();
  });

  it('says "wrong email or password" and caches nobody', async () => {
    renderApp('/sign-in');
    await screen.findByRole('heading', { name: 'Sign in', level: 1 });
    signInWith(TECH.email, 'guess');
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong email or password.');
    expect(await getMeta('account')).toBeUndefined();
  });

  it('says how long to wait after too many attempts', async () => {
    server.retryAfterSeconds = 120;
    renderApp('/sign-in');
    await screen.findByRole('heading', { name: 'Sign in', level: 1 });
    signInWith(TECH.email, 'right password');
    expect((await screen.findByRole('alert')).textContent).toBe('Too many attempts. Try again in 2 min 00 s.');
  });

  it('asks for both fields before calling the server', async () => {
    renderApp('/sign-in');
    await screen.findByRole('heading', { name: 'Sign in', level: 1 });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
    expect(server.requests.filter((r) => r.path === '/api/auth/sign-in')).toEqual([]);
  });

  it('opens the first-start setup when the server has no organisation yet', async () => {
    server.setupNeeded = true;
    const view = renderApp('/');
    expect(await screen.findByRole('heading', { name: 'Set up Fieldbook', level: 1 })).toBeTruthy();
    expect(view.router.state.location.pathname).toBe('/setup');
  });

  it('keeps the shared-device choice of the sign-in', async () => {
    renderApp('/sign-in');
    await screen.findByRole('heading', { name: 'Sign in', level: 1 });
    fireEvent.click(screen.getByRole('checkbox', { name: /Shared device/ }));
    signInWith(TECH.email, 'right password');
    await screen.findByRole('heading', { name: 'Procedures', level: 1 });
    expect(await getMeta('sharedDevice')).toBe(true);
  });
});

describe('another person on a device with unsynced work', () => {
  it('refuses, closes the new session and keeps the work, until it is exported', async () => {
    await cacheAccount(TECH);
    await storeRun({ steps: 1 });
    await markSignInRequired();
    URL.createObjectURL = () => 'blob:export';
    URL.revokeObjectURL = () => undefined;
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderApp('/sign-in');
    await screen.findByText(/Your session has ended/);
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe(TECH.email);

    signInWith(OWNER.email, 'owner password');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'This device holds 2 item(s) of work by Théo Tech (technician@garage.test) that have not reached the server.',
    );
    expect(server.session).toBeNull();
    expect(await getMeta('account')).toEqual(TECH);
    expect(await pendingOwners()).toEqual([TECH.id]);

    fireEvent.click(within(alert).getByRole('button', { name: 'Export pending data' }));
    expect(await screen.findByText(/Done. You can sign in now./)).toBeTruthy();
    signInWith(OWNER.email, 'owner password');
    await screen.findByRole('heading', { name: 'Procedures', level: 1 });
    expect(await getMeta('account')).toEqual(OWNER);
    // The technician's exported work left the device with their data; nothing is sent as the owner's.
    expect(await db.events.count()).toBe(0);
  });

  it('lets the same person back in with everything kept', async () => {
    await cacheAccount(TECH);
    await storeRun({ steps: 1 });
    await markSignInRequired();
    renderApp('/sign-in');
    await screen.findByText(/Your session has ended/);
    signInWith(TECH.email, 'right password');
    await screen.findByRole('heading', { name: 'Procedures', level: 1 });
    expect(await pendingOwners()).toEqual([TECH.id]);
    expect(await db.events.where('sync').equals('pending').count()).toBe(2);
  });
});

describe('session expired', () => {
  it('shows the banner while the outbox waits, and sends every queued event after signing in again', async () => {
    await cacheAccount(TECH);
    await storeRun({ steps: 3 });
    server.sync = syncServer();
    const engine = new SyncEngine({ fetch: server.fetch, locks: null });
    const stop = engine.start();
    const view = renderApp('/');
    const banner = await screen.findByText(/Signed out — sign in again to sync/);
    expect(await db.events.where('sync').equals('pending').count()).toBe(4);

    fireEvent.click(within(banner).getByRole('link', { name: 'Sign in' }));
    await screen.findByRole('heading', { name: 'Sign in', level: 1 });
    signInWith(TECH.email, 'right password');
    await waitFor(() => expect(view.router.state.location.pathname).toBe('/'));
    await waitFor(async () => expect(await db.events.where('sync').equals('acked').count()).toBe(4));
    expect(server.sync.stored.size).toBe(4);
    expect(screen.queryByText(/Signed out — sign in again to sync/)).toBeNull();
    stop();
  });
});
