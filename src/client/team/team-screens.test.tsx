import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getMeta } from '../db/meta.ts';
import { cacheAccount, testAccount } from '../test-support/accounts.ts';
import { type AccountsServer, accountsServer } from '../test-support/accounts-server.ts';
import { renderApp, seedDemo } from '../test-support/render-app.tsx';

const OWNER = testAccount('owner');
const TECH = testAccount('technician');
let server: AccountsServer;

beforeEach(async () => {
  await seedDemo();
  server = accountsServer();
  server.addPerson(OWNER);
  server.addPerson(TECH);
  server.session = OWNER;
});
afterEach(() => vi.restoreAllMocks());

const roleOf = (name: string) => screen.getByRole('combobox', { name: `Role of ${name}` }) as HTMLSelectElement;

describe('members', () => {
  it('changes a member’s role', async () => {
    renderApp('/members');
    await screen.findByRole('combobox', { name: 'Role of Théo Tech' });
    fireEvent.change(roleOf('Théo Tech'), { target: { value: 'author' } });
    expect((await screen.findByRole('status')).textContent).toBe('Théo Tech is now author.');
    await waitFor(() => expect(roleOf('Théo Tech').value).toBe('author'));
    expect(server.requests.find((r) => r.method === 'PATCH')).toMatchObject({
      path: `/api/members/${TECH.id}`,
      body: { role: 'author' },
      csrf: true,
    });
  });

  it('keeps the last owner, with the reason', async () => {
    renderApp('/members');
    await screen.findByRole('combobox', { name: 'Role of Olivia Owner' });
    fireEvent.change(roleOf('Olivia Owner'), { target: { value: 'technician' } });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The organisation needs at least one owner: make someone else owner first.',
    );
    await waitFor(() => expect(roleOf('Olivia Owner').value).toBe('owner'));
    expect((await getMeta<{ role: string }>('account'))?.role).toBe('owner');
  });

  it('is not for other roles: a clear message, and no link to it', async () => {
    await cacheAccount(TECH);
    renderApp('/members');
    expect(await screen.findByText('Not allowed: only owners can open this page.')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main menu' });
    expect(within(nav).queryByRole('link', { name: 'Members' })).toBeNull();
    expect(server.requests).toEqual([]);
  });
});

describe('invites', () => {
  it('creates an invite for a role and shows its link, a copy button and a QR code', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderApp('/invites');
    expect(await screen.findByText('No invite yet.')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Role of the new person' }), { target: { value: 'author' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create the invite' }));

    const link = (await screen.findByRole('textbox', { name: 'Invite link' })) as HTMLInputElement;
    expect(link.value).toBe('https://fieldbook.test/join/tok1');
    expect(screen.getByText(/Invite created for a new author/)).toBeTruthy();
    const qr = screen.getByRole('img', { name: 'QR code of the invite link' });
    expect(qr.tagName.toLowerCase()).toBe('svg');
    expect(qr.querySelectorAll('g rect').length).toBeGreaterThan(50);
    fireEvent.click(screen.getByRole('button', { name: 'Copy the link' }));
    expect(await screen.findByText('Link copied.')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith('https://fieldbook.test/join/tok1');

    const list = await screen.findByRole('list', { name: 'Invites sent' });
    expect(within(list).getByText('Pending')).toBeTruthy();
    expect(server.requests.find((r) => r.path === '/api/invites' && r.method === 'POST')).toMatchObject({
      body: { role: 'author' },
      csrf: true,
    });
  });

  it('revokes a pending invite', async () => {
    renderApp('/invites');
    fireEvent.click(await screen.findByRole('button', { name: 'Create the invite' }));
    const list = await screen.findByRole('list', { name: 'Invites sent' });
    fireEvent.click(within(list).getByRole('button', { name: /Revoke the Technician invite created/ }));
    expect(await screen.findByText('Invite revoked: its link no longer works.')).toBeTruthy();
    expect(await within(list).findByText('Revoked')).toBeTruthy();
    expect(screen.queryByRole('img', { name: 'QR code of the invite link' })).toBeNull();
  });
});

describe('audit log', () => {
  it('lists the security-relevant acts in words', async () => {
    server.audit = [
      {
        id: 2,
        at: Date.UTC(2025, 11, 3, 9),
        action: 'role_changed',
        actorId: OWNER.id,
        actorName: 'Olivia Owner',
        target: 'Théo Tech',
        detail: {},
        ip: '192.0.2.7',
      },
      {
        id: 1,
        at: Date.UTC(2025, 11, 3, 8),
        action: 'sign_in_failed',
        actorId: null,
        actorName: null,
        target: 'theo@garage.test',
        detail: {},
        ip: null,
      },
    ];
    renderApp('/audit');
    const table = await screen.findByRole('table', { name: 'Audit log' });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]?.textContent).toContain('Role changed');
    expect(rows[1]?.textContent).toContain('Olivia Owner');
    expect(rows[2]?.textContent).toContain('Failed sign-in');
    expect(rows[2]?.textContent).toContain('theo@garage.test');
  });
});
