import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations } from '../test-support/axe.ts';
import { libraryServer, summary } from '../test-support/library-server.ts';
import { cacheAccount, testAccount } from '../test-support/accounts.ts';
import { renderApp } from '../test-support/render-app.tsx';
import { setSopApiFetch } from './sop-api-client.ts';

afterEach(() => setSopApiFetch((input, init) => fetch(input, init)));

const id = (n: number) => `0190e000-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** As the server sends them: overdue first (most overdue first), then by next review. */
const LIBRARY = () => [
  summary(id(1), 'Diagnosis', { reviewedDaysAgo: 130, ownerName: 'Claire Martin' }),
  summary(id(2), 'Invoicing', { reviewedDaysAgo: 95, ownerName: 'Marc Dubois' }),
  summary(id(3), 'Final test', { reviewedDaysAgo: 20, ownerName: 'Claire Martin' }),
  summary(id(4), 'Parts order', { status: 'draft', latestVersion: null, reviewDueAt: null, overdue: false }),
  summary(id(5), 'Old reception', { status: 'archived', reviewDueAt: null, overdue: false }),
];

async function openLibrary() {
  renderApp('/library');
  return screen.findByRole('list', { name: 'SOP library' });
}

const titles = (list: HTMLElement) =>
  within(list)
    .queryAllByRole('listitem')
    .map((item) => item.querySelector('.item-title')?.textContent);

// The library is for authors and owners.
beforeEach(() => cacheAccount(testAccount('owner')));
describe('SOP library', () => {
  it('shows overdue reviews first, each marked, and an owner finds theirs by name', async () => {
    libraryServer(LIBRARY());
    const list = await openLibrary();
    expect(titles(list)).toEqual(['Diagnosis', 'Invoicing', 'Final test', 'Parts order']);
    const overdue = within(list)
      .getAllByRole('listitem')
      .filter((item) => within(item).queryByText('Review overdue'));
    expect(overdue.map((item) => item.querySelector('.item-title')?.textContent)).toEqual(['Diagnosis', 'Invoicing']);

    fireEvent.input(screen.getByRole('searchbox', { name: 'Search the library' }), {
      target: { value: 'claire martin' },
    });
    expect(titles(list)).toEqual(['Diagnosis', 'Final test']);
    expect(within(list).getAllByRole('listitem')[0]?.textContent).toContain('Review overdue');
    expect(await axeViolations()).toEqual([]);
  });

  it('keeps archived procedures out of the way until asked for', async () => {
    libraryServer(LIBRARY());
    const list = await openLibrary();
    expect(titles(list)).not.toContain('Old reception');
    expect(screen.getByRole('status').textContent).toBe('4 procedure(s) shown');
    expect(
      screen.getByText('1 archived procedure(s) not shown: choose “Archived” in Status to see them.'),
    ).toBeTruthy();
    const status = screen.getByRole('combobox', { name: 'Status' });
    fireEvent.change(status, { target: { value: 'archived' } });
    expect(titles(list)).toEqual(['Old reception']);
    expect(within(list).getByText('Archived')).toBeTruthy();
    fireEvent.change(status, { target: { value: 'all' } });
    expect(titles(list)).toHaveLength(5);
    expect(screen.getByRole('status').textContent).toBe('5 procedure(s) shown');
    expect(screen.queryByText(/archived procedure\(s\) not shown/)).toBeNull();
  });

  it('marks an overdue procedure as reviewed: the review date starts again', async () => {
    const server = libraryServer(LIBRARY());
    const list = await openLibrary();
    fireEvent.click(within(list).getByRole('link', { name: /Diagnosis/ }));
    await screen.findByRole('heading', { name: 'Diagnosis', level: 1 });
    expect(screen.getByText('Review overdue')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Mark as reviewed' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'Marked as reviewed: the review interval starts again today.',
      ),
    );
    expect(server.reviews).toEqual([id(1)]);
    await waitFor(() => expect(screen.queryByText('Review overdue')).toBeNull());
  });

  it('offers "mark as reviewed" only for a published procedure', async () => {
    libraryServer(LIBRARY());
    renderApp(`/library/${id(4)}`);
    await screen.findByRole('heading', { name: 'Parts order', level: 1 });
    expect(screen.queryByRole('button', { name: 'Mark as reviewed' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Archive' })).toBeTruthy();
  });
});
