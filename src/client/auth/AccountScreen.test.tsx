import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../db/database.ts';
import { getMeta } from '../db/meta.ts';
import { updateSyncRuntime } from '../sync/status.ts';
import { cacheAccount, testAccount } from '../test-support/accounts.ts';
import { type AccountsServer, accountsServer } from '../test-support/accounts-server.ts';
import { renderApp, seedDemo } from '../test-support/render-app.tsx';
import { storeRun } from '../test-support/runs.ts';
import { syncServer } from '../test-support/sync-server.ts';

const TECH = testAccount('technician');
let server: AccountsServer;

/** The browser's fetch: the accounts server, with sync unreachable unless `syncOnline`. */
function network(syncOnline: boolean) {
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) =>
    input.startsWith('/api/sync') && !syncOnline
      ? Promise.reject(new TypeError('Failed to fetch'))
      : server.fetch(input, init),
  );
}

beforeEach(async () => {
  await seedDemo();
  await cacheAccount(TECH);
  server = accountsServer();
  server.addPerson(TECH, 'old password');
  server.session = TECH;
  URL.createObjectURL = () => 'blob:export';
  URL.revokeObjectURL = () => undefined;
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  act(() => updateSyncRuntime({ block: null, lastError: null, nextAttemptAt: null }));
});

async function openAccount() {
  const view = renderApp('/account');
  await screen.findByRole('heading', { name: 'Your account', level: 1 });
  return view;
}

const signOutButton = () => screen.getByRole('button', { name: 'Sign out' });

describe('sign-out guard', () => {
  it('refuses while events have not reached the server, then signs out once they are exported', async () => {
    await storeRun({ steps: 1 });
    network(false);
    const view = await openAccount();
    fireEvent.click(signOutButton());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not signed out: 2 item(s) of work have not reached the server.');
    expect(await getMeta('account')).toEqual(TECH);
    expect(server.session).toEqual(TECH);

    fireEvent.click(within(alert).getByRole('button', { name: 'Export pending data' }));
    expect(await screen.findByText(/Exported 2 item\(s\) to fieldbook-pending-.*You can sign out now/)).toBeTruthy();
    fireEvent.click(signOutButton());
    await screen.findByRole('heading', { name: 'Sign in', level: 1 });
    expect(view.router.state.location.pathname).toBe('/sign-in');
    expect(await getMeta('account')).toBeUndefined();
    expect(server.session).toBeNull();
    // Not a shared device: the exported events stay, for this person's next sign-in.
    expect(await db.events.where('sync').equals('pending').count()).toBe(2);
  });

  it('discards the unsynced work only after a confirmation', async () => {
    await storeRun({ steps: 1 });
    network(false);
    await openAccount();
    fireEvent.click(signOutButton());
    const alert = await screen.findByRole('alert');
    fireEvent.click(within(alert).getByRole('button', { name: 'Discard unsynced work' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('Delete 2 item(s) of work that never reached the server?');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(await db.events.count()).toBe(2);

    fireEvent.click(within(alert).getByRole('button', { name: 'Discard unsynced work' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, discard this work' }));
    expect(await screen.findByText('Done. You can sign out now.')).toBeTruthy();
    expect(await db.events.count()).toBe(0);
    expect(await db.runs.count()).toBe(0);
    fireEvent.click(signOutButton());
    await screen.findByRole('heading', { name: 'Sign in', level: 1 });
  });

  it('on a shared device, syncs one last time and then wipes the device', async () => {
    await storeRun({ steps: 2 });
    server.sync = syncServer();
    network(true);
    const deviceId = await getMeta('deviceId');
    await openAccount();
    fireEvent.click(screen.getByRole('checkbox', { name: /Shared device/ }));
    expect(await screen.findByText(/This is a shared device/)).toBeTruthy();
    fireEvent.click(signOutButton());
    await screen.findByRole('heading', { name: 'Sign in', level: 1 });
    expect(server.sync.stored.size).toBe(3);
    expect(await db.events.count()).toBe(0);
    expect(await db.sops.count()).toBe(0);
    expect(await getMeta('account')).toBeUndefined();
    expect(await getMeta('deviceId')).toBe(deviceId);
    expect(await getMeta('sharedDevice')).toBe(true);
  });
});

describe('account', () => {
  it('lists the signed-in devices and signs one out', async () => {
    const now = Date.now();
    server.otherSessions = [
      {
        id: '0190e000-0000-7000-8000-0000000000b2',
        createdAt: now - 86_400_000,
        lastSeenAt: now - 3_600_000,
        expiresAt: now + 86_400_000,
        userAgent: 'Phone in the van',
        current: false,
      },
    ];
    network(false);
    await openAccount();
    const list = await screen.findByRole('list');
    expect(within(list).getByText('This device')).toBeTruthy();
    fireEvent.click(within(list).getByRole('button', { name: /Sign out the session last seen/ }));
    expect(await screen.findByText('That session is signed out.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('Phone in the van')).toBeNull());
    expect(server.requests.at(-2)).toMatchObject({ method: 'DELETE', csrf: true });
  });

  it('changes the password, and says when the current one is wrong', async () => {
    network(false);
    await openAccount();
    fireEvent.input(screen.getByLabelText('Current password'), { target: { value: 'nope' } });
    fireEvent.input(screen.getByLabelText('New password'), { target: { value: 'a new password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The current password is wrong.');
    // A wrong password is not an expired session.
    expect(await getMeta('signInRequired')).toBe(false);

    fireEvent.input(screen.getByLabelText('Current password'), { target: { value: 'old password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Password changed. Your other devices are signed out.')).toBeTruthy();
    expect(server.people[0]?.password).toBe('a new password');
  });
});
