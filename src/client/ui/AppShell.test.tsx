import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setRunInProgressOnPage } from '../app/page-state.ts';
import { reportUpdateState } from '../app/sw-bridge.ts';
import { db } from '../db/database.ts';
import { getMeta } from '../db/meta.ts';
import { applyLocale, loadLocale } from '../i18n/index.ts';
import { syncNow } from '../sync/engine.ts';
import { cacheAccount, testAccount } from '../test-support/accounts.ts';
import { fakeServer } from '../test-support/fake-server.ts';
import { renderApp, seedDemo } from '../test-support/render-app.tsx';
import { storeRun } from '../test-support/runs.ts';

beforeEach(seedDemo);
afterEach(() => {
  act(() => reportUpdateState('none'));
  setRunInProgressOnPage(false);
  applyLocale('en');
});

describe('app shell', () => {
  it('switches language, sets <html lang> and remembers the choice', async () => {
    renderApp('/');
    fireEvent.click(await screen.findByRole('button', { name: 'Français' }));
    expect(await screen.findByRole('heading', { name: 'Procédures' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('fr');
    await waitFor(async () => expect(await getMeta('locale')).toBe('fr'));
    applyLocale('en');
    expect(await loadLocale()).toBe('fr');
  });

  it('shows the outbox state in the header badge and links to the sync page', async () => {
    await storeRun({ steps: 1 });
    renderApp('/');
    const link = await screen.findByRole('link', { name: /Sync status: 2 pending/ });
    fireEvent.click(link);
    expect(await screen.findByRole('heading', { name: 'Sync status', level: 1 })).toBeTruthy();
  });

  it('offers the update only when no run is in progress on the page', async () => {
    renderApp('/');
    await screen.findByRole('heading', { name: 'Procedures' });
    act(() => reportUpdateState('offline-ready'));
    expect(await screen.findByText('Ready to work offline')).toBeTruthy();
    act(() => reportUpdateState('update-waiting'));
    expect(await screen.findByRole('button', { name: 'Update available — reload' })).toBeTruthy();
    act(() => setRunInProgressOnPage(true));
    expect(await screen.findByText('An update is ready. It will apply after this run.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Update available — reload' })).toBeNull();
  });
});

describe('navigation by role', () => {
  const links = async () => {
    const nav = await screen.findByRole('navigation', { name: 'Main menu' });
    return within(nav)
      .getAllByRole('link')
      .map((a) => a.textContent);
  };

  it('gives technicians the procedures, sync and their account', async () => {
    await cacheAccount(testAccount('technician'));
    renderApp('/');
    expect(await links()).toEqual(['Procedures', 'Account']);
    expect(screen.getByRole('link', { name: /Sync status/ })).toBeTruthy();
  });

  it('adds the library and analytics for authors, and the team pages for owners', async () => {
    await cacheAccount(testAccount('author'));
    const view = renderApp('/');
    expect(await links()).toEqual(['Procedures', 'Library', 'Analytics', 'Account']);
    view.unmount();
    await cacheAccount(testAccount('owner'));
    renderApp('/');
    expect(await links()).toEqual(['Procedures', 'Library', 'Analytics', 'Members', 'Invites', 'Audit log', 'Account']);
  });

  it('tells a technician that the library is not for their role', async () => {
    await cacheAccount(testAccount('technician'));
    renderApp('/library');
    expect(await screen.findByRole('heading', { name: 'Not allowed', level: 1 })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Not allowed: only owners and authors can open this page.');
  });

  it('speaks French too', async () => {
    await cacheAccount(testAccount('owner'));
    renderApp('/');
    fireEvent.click(await screen.findByRole('button', { name: 'Français' }));
    const nav = await screen.findByRole('navigation', { name: 'Menu principal' });
    expect(within(nav).getByRole('link', { name: 'Journal d’audit' })).toBeTruthy();
  });
});

describe('sync page', () => {
  it('shows pending work, then the rejected events with their code after a sync', async () => {
    await storeRun({ steps: 1 });
    renderApp('/sync');
    expect(await screen.findByText(/2 event\(s\) waiting to sync/)).toBeTruthy();
    expect(screen.getByText('Last successful sync: never')).toBeTruthy();
    const server = fakeServer();
    server.push = (request) => {
      const [first, ...rest] = request.events as { id: string }[];
      return new Response(
        JSON.stringify({
          protocol: 1,
          batchId: request.batchId,
          results: [
            { id: first?.id, status: 'rejected', code: 'unknown_sop_version', message: 'unknown version' },
            ...rest.map((e) => ({ id: e.id, status: 'accepted' })),
          ],
          highestContiguousDeviceSeq: 2,
          gaps: [],
          serverTime: Date.now(),
          epoch: 'test',
        }),
        { status: 200 },
      );
    };
    await act(async () => {
      await syncNow(server.fetch);
    });
    expect(await screen.findByText('Needs attention: 1 event(s) were rejected by the server.')).toBeTruthy();
    expect(screen.getByText('Code: unknown_sop_version')).toBeTruthy();
    expect(screen.queryByText(/waiting to sync/)).toBeNull();
    await waitFor(() => expect(screen.queryByText('Last successful sync: never')).toBeNull());
    expect(await db.events.where('sync').equals('acked').count()).toBe(1);
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeTruthy();
  });
});
