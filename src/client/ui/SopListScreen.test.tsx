import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearDatabase } from '../db/database.ts';
import { applyLocale } from '../i18n/index.ts';
import { cacheAccount, testAccount } from '../test-support/accounts.ts';
import { eventLog, renderApp, seedDemo } from '../test-support/render-app.tsx';
import { storeRun } from '../test-support/runs.ts';
import { OIL_ID } from '../test-support/sops.ts';

beforeEach(seedDemo);

describe('SOP list', () => {
  it('shows each procedure with its category and latest version', async () => {
    renderApp('/');
    const link = await screen.findByRole('link', { name: 'Customer reception' });
    expect(link.closest('li')?.textContent).toContain('Operational · Version 2');
    expect(screen.getByRole('link', { name: 'Workshop inspection' })).toBeTruthy();
  });

  it('finds a French title without its accent, whatever the case', async () => {
    renderApp('/');
    await screen.findByRole('heading', { name: 'Procedures' });
    fireEvent.click(screen.getByRole('button', { name: 'Français' }));
    const search = await screen.findByRole('searchbox', { name: 'Rechercher une procédure' });
    fireEvent.input(search, { target: { value: 'RECEPTION' } });
    expect(screen.getByRole('link', { name: 'Réception client' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Inspection atelier' })).toBeNull();
    expect(document.documentElement.lang).toBe('fr');
    applyLocale('en');
  });

  it('offers to continue a run in progress on this device', async () => {
    const runId = await storeRun({ steps: 1 });
    renderApp('/');
    const cont = await screen.findByRole('link', { name: 'Continue Customer reception' });
    expect(cont.getAttribute('href')).toBe(`/runs/${runId}`);
    expect(await eventLog(runId)).toEqual(['run_started', 'step_started:s0']);
  });

  it('filters by category', async () => {
    renderApp('/');
    const category = await screen.findByRole('combobox', { name: 'Category' });
    fireEvent.change(category, { target: { value: 'support' } });
    expect(await screen.findByRole('link', { name: 'Workshop inspection' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Customer reception' })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('1 procedure(s) shown');
    fireEvent.change(category, { target: { value: 'management' } });
    expect(await screen.findByText('No procedure matches “”.')).toBeTruthy();
  });

  it('lists the procedures this device ran most recently first', async () => {
    renderApp('/');
    const list = await screen.findByRole('list', { name: 'Procedures' });
    const order = () =>
      within(list)
        .getAllByRole('link')
        .map((a) => a.textContent);
    expect(order()).toEqual(['Customer reception', 'Workshop inspection']);
    await storeRun({ sopId: OIL_ID, sopVersion: 1 });
    await waitFor(() => expect(order()).toEqual(['Workshop inspection', 'Customer reception']));
    expect(within(list).getAllByRole('listitem')[0]?.textContent).toMatch(/last run/);
  });

  it('says to go online once when no procedure was downloaded', async () => {
    await clearDatabase();
    await cacheAccount(testAccount('technician'));
    renderApp('/');
    const main = await screen.findByRole('main');
    expect(await within(main).findByText(/Go online once to download them/)).toBeTruthy();
  });
});
