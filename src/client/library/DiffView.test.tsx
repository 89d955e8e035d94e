import { act, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SopVersionContent } from '../../shared/sop.ts';
import { applyLocale } from '../i18n/index.ts';
import { axeViolations } from '../test-support/axe.ts';
import { libraryServer, summary } from '../test-support/library-server.ts';
import { cacheAccount, testAccount } from '../test-support/accounts.ts';
import { renderApp } from '../test-support/render-app.tsx';
import { setSopApiFetch } from './sop-api-client.ts';

afterEach(() => {
  setSopApiFetch((input, init) => fetch(input, init));
  applyLocale('en');
});

const SOP = '0190e000-0000-7000-8000-0000000000d1';

const v1: SopVersionContent = {
  mode: 'sequential',
  objective: { en: 'Safe tyres' },
  prerequisites: [],
  steps: [
    { id: 'lift', kind: 'check', title: { en: 'Lift the car' }, critical: false },
    { id: 'wheel', kind: 'check', title: { en: 'Remove the wheel' }, critical: false },
    {
      id: 'tread',
      kind: 'reading',
      title: { en: 'Check the tread depth' },
      critical: false,
      unit: 'mm',
      min: 1.6,
    },
    { id: 'report', kind: 'text', title: { en: 'Write the report' }, critical: false, required: true },
  ],
  acceptanceCriteria: [],
};

/** v2: the tread check moves first and changes (title, minimum, critical), the report goes, a torque step comes. */
const v2: SopVersionContent = {
  ...v1,
  objective: { en: 'Safe and legal tyres' },
  steps: [
    {
      id: 'tread',
      kind: 'reading',
      title: { en: 'Check the tread depth with a gauge' },
      critical: true,
      unit: 'mm',
      min: 2,
    },
    { id: 'lift', kind: 'check', title: { en: 'Lift the car' }, critical: false },
    { id: 'wheel', kind: 'check', title: { en: 'Remove the wheel' }, critical: false },
    { id: 'torque', kind: 'check', title: { en: 'Torque the nuts' }, critical: true },
  ],
};

async function compareVersions() {
  libraryServer([summary(SOP, 'Tyre change', { latestVersion: 2 })], new Map([[SOP, [v1, v2]]]));
  renderApp(`/library/${SOP}`);
  await screen.findByRole('heading', { name: 'Compare two versions' });
  expect((screen.getByRole('combobox', { name: 'Older version' }) as HTMLSelectElement).value).toBe('1');
  expect((screen.getByRole('combobox', { name: 'Newer version' }) as HTMLSelectElement).value).toBe('2');
  fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
  return screen.findByRole('region', { name: 'Version 1 → version 2' });
}

/** The entry of a step in the comparison, by its title. */
const stepEntry = (diff: HTMLElement, title: string) =>
  within(diff)
    .getAllByRole('listitem')
    .find((item) => item.querySelector('strong')?.textContent === title) as HTMLElement;

/** The change of one field of an entry: the words after its label. */
const change = (entry: HTMLElement, label: string) =>
  within(entry).getByText(label, { selector: 'dt' }).nextElementSibling as HTMLElement;

// The library is for authors and owners.
beforeEach(() => cacheAccount(testAccount('owner')));
describe('comparing two versions', () => {
  it('lists the steps added, removed, moved and changed, and only those', async () => {
    const diff = await compareVersions();
    expect(
      within(diff)
        .getAllByRole('listitem')
        .map((item) => item.querySelector('p')?.textContent),
    ).toEqual([
      'Check the tread depth with a gauge — Moved from position 3 to 1, Changed',
      'Torque the nuts — Added',
      'Write the report — Removed',
    ]);
  });

  it('shows the words that changed, and other values as the editor names them', async () => {
    const diff = await compareVersions();
    const objective = change(diff, 'Objective (English)');
    expect(objective.querySelector('ins')?.textContent).toBe('(added) and legal ');
    expect(objective.querySelector('del')).toBeNull();

    const tread = stepEntry(diff, 'Check the tread depth with a gauge');
    const title = change(tread, 'Title (English)');
    expect(title.textContent).toBe('Check the tread depth(added)  with a gauge');
    expect(title.querySelector('ins')?.textContent).toBe('(added)  with a gauge');
    expect(change(tread, 'Critical step').textContent).toBe('Before: no → after: yes');
    expect(change(tread, 'Minimum accepted').textContent).toBe('Before: 1.6 → after: 2');
    expect(within(tread).queryByText('Unit', { selector: 'dt' })).toBeNull();
    expect(await axeViolations()).toEqual([]);
  });

  it('speaks French to a French reader', async () => {
    const diff = await compareVersions();
    act(() => applyLocale('fr'));
    const tread = stepEntry(diff, 'Check the tread depth with a gauge');
    expect(change(tread, 'Étape critique').textContent).toBe('Avant : non → après : oui');
    expect(within(tread).getByText('Titre (anglais)', { selector: 'dt' })).toBeTruthy();
  });
});
