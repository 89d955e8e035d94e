import { fireEvent, screen, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../shared/auth.ts';
import { getMeta } from '../db/meta.ts';
import { db } from '../db/database.ts';
import { cacheAccount, testAccount } from '../test-support/accounts.ts';
import { type AccountsServer, accountsServer } from '../test-support/accounts-server.ts';
import { renderApp, seedSignedOut } from '../test-support/render-app.tsx';
import { storeRun } from '../test-support/runs.ts';

let server: AccountsServer;

beforeEach(async () => {
  await seedSignedOut();
  server = accountsServer();
});

const fill = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });

function invite(status: 'pending' | 'expired' | 'accepted' | 'revoked', role: Account['role'] = 'technician') {
  const now = Date.now();
  server.invites.push({
    token: 'tok-1',
    invite: { id: '0190f000-0000-7000-8000-000000000001', role, createdAt: now, expiresAt: now + 86_400_000, status },
  });
}

describe('first start', () => {
  it('checks the fields, then creates the organisation and signs its owner in', async () => {
    server.setupNeeded = true;
    renderApp('/setup');
    await screen.findByText('First start: create your organisation and your owner account.');
    fill('Organisation name', 'Garage Martin');
    fill('Your name', 'Olivia Martin');
    fill('Email', 'olivia@garage.test');
    fill('Password', 'short');
    fireEvent.click(screen.getByRole('button', { name: 'Create the organisation' }));
    expect(screen.getByText('The password needs at least 8 characters.')).toBeTruthy();
    expect(server.requests.some((r) => r.method === 'POST')).toBe(false);

    fill('Password', 'a long enough password');
    fireEvent.click(screen.getByRole('button', { name: 'Create the organisation' }));
    expect(await screen.findByRole('heading', { name: 'Procedures', level: 1 })).toBeTruthy();
    expect(await getMeta('account')).toMatchObject({ name: 'Olivia Martin', role: 'owner', orgName: 'Garage Martin' });
    const nav = screen.getByRole('navigation', { name: 'Main menu' });
    expect(within(nav).getByRole('link', { name: 'Invites' })).toBeTruthy();
  });

  it('says when the server is already set up', async () => {
    renderApp('/setup');
    expect(await screen.findByText(/This server is already set up/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Create the organisation' })).toBeNull();
  });
});

describe('joining by invite', () => {
  it.each([
    ['expired', 'This invite has expired. Ask the person who invited you for a new one.'],
    ['accepted', 'This invite has already been used. If you created your account with it, sign in.'],
    ['revoked', 'This invite was revoked. Ask the person who invited you for a new one.'],
  ] as const)('says so when the invite is %s', async (status, message) => {
    invite(status);
    renderApp('/join/tok-1');
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect(screen.queryByRole('button', { name: 'Create my account' })).toBeNull();
  });

  it('says so when the link is unknown', async () => {
    renderApp('/join/nope');
    expect((await screen.findByRole('alert')).textContent).toContain('This invite link is not valid.');
  });

  it('shows the organisation and role, creates the account and signs the new hire in', async () => {
    invite('pending');
    renderApp('/join/tok-1');
    expect(await screen.findByRole('heading', { name: 'Join Garage Martin', level: 1 })).toBeTruthy();
    expect(screen.getByText(/You are invited as technician/)).toBeTruthy();
    fill('Your name', 'Nina New');
    fill('Email', 'nina@garage.test');
    fill('Password', 'nina’s password');
    fireEvent.click(screen.getByRole('button', { name: 'Create my account' }));
    expect(await screen.findByRole('heading', { name: 'Procedures', level: 1 })).toBeTruthy();
    expect(await getMeta('account')).toMatchObject({ name: 'Nina New', email: 'nina@garage.test', role: 'technician' });
    const accept = server.requests.find((r) => r.path === '/api/invites/by-token/tok-1/accept');
    expect(accept).toMatchObject({ method: 'POST', csrf: true });
    const nav = screen.getByRole('navigation', { name: 'Main menu' });
    expect(within(nav).queryByRole('link', { name: 'Library' })).toBeNull();
  });

  it('warns that joining signs out the person of this device, whose synced runs then leave it', async () => {
    invite('pending');
    await cacheAccount(testAccount('owner'));
    await storeRun({ steps: 1 });
    await db.events.toCollection().modify({ sync: 'acked', ackedAt: Date.now() });
    renderApp('/join/tok-1');
    expect(await screen.findByText(/You are signed in as Olivia Owner on this device/)).toBeTruthy();
    fill('Your name', 'Nina New');
    fill('Email', 'nina@garage.test');
    fill('Password', 'nina’s password');
    fireEvent.click(screen.getByRole('button', { name: 'Create my account' }));
    await screen.findByRole('heading', { name: 'Procedures', level: 1 });
    expect(await getMeta('account')).toMatchObject({ name: 'Nina New' });
    expect(await db.runs.count()).toBe(0);
  });

  it('keeps the form when the email is taken, with a clear message', async () => {
    invite('pending', 'author');
    server.addPerson(testAccount('author', { email: 'taken@garage.test' }));
    renderApp('/join/tok-1');
    await screen.findByRole('heading', { name: 'Join Garage Martin', level: 1 });
    fill('Your name', 'Ana');
    fill('Email', 'taken@garage.test');
    fill('Password', 'a fine password');
    fireEvent.click(screen.getByRole('button', { name: 'Create my account' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'An account with this email already exists. Sign in instead, or use another email.',
    );
    expect((screen.getByLabelText('Your name') as HTMLInputElement).value).toBe('Ana');
    expect(await getMeta('account')).toBeUndefined();
  });
});
