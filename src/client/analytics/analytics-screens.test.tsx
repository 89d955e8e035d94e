import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyLocale } from '../i18n/index.ts';
import { renderApp, seedDemo } from '../test-support/render-app.tsx';
import { fakeAnalyticsFetch, RUN_ID, SOP_ID } from './test-fixtures.ts';

beforeEach(seedDemo);
afterEach(() => {
  vi.unstubAllGlobals();
  applyLocale('en');
});

describe('analytics overview', () => {
  it('shows the KPIs, each procedure’s health and each phone’s last sync', async () => {
    fakeAnalyticsFetch();
    renderApp('/analytics');
    expect(await screen.findByRole('heading', { level: 1, name: 'Analytics' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Procedures: time, errors and reviews' });
    const row = within(table).getByRole('row', { name: /Diagnosis/ });
    expect(row.textContent).toContain('1 h 12 min');
    expect(row.textContent).toContain('13%');
    expect(within(row).getByText('Review overdue')).toBeTruthy();
    expect(screen.getByText('10 done of 12 started')).toBeTruthy();
    expect(screen.getByText('23 days')).toBeTruthy();
    expect(screen.getByText(/Léa Garnier’s phone/)).toBeTruthy();
    expect(within(table).getByRole('link', { name: 'Diagnosis' }).getAttribute('href')).toBe(
      `/analytics/sops/${SOP_ID}`,
    );
  });

  it('says when the analytics cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    renderApp('/analytics');
    expect((await screen.findByRole('alert')).textContent).toContain('need a network connection');
  });
});

describe('per-SOP analytics', () => {
  it('highlights the bottleneck, links outliers to their timeline and offers the exports', async () => {
    fakeAnalyticsFetch();
    renderApp(`/analytics/sops/${SOP_ID}`);
    const steps = await screen.findByRole('table', { name: 'Where the time goes, step by step' });
    const bottleneck = within(steps).getByRole('row', { name: /Locate the faulty part/ });
    expect(bottleneck.className).toContain('bottleneck');
    expect(within(bottleneck).getByText(/Bottleneck/)).toBeTruthy();
    expect(within(steps).getByRole('row', { name: /Battery voltage/ }).textContent).toContain('Most errors');
    const outlier = screen.getByRole('link', { name: /3 h 10 min — Julien Roche/ });
    expect(outlier.getAttribute('href')).toBe(`/analytics/runs/${RUN_ID}`);
    expect(screen.getByRole('img', { name: /Median duration per week/ })).toBeTruthy();
    expect(screen.getByText(/Half of the runs take between 1 h 00 min and 1 h 28 min/)).toBeTruthy();
    const excel = screen.getByRole('link', { name: 'Runs (Excel, French)' });
    expect(excel.getAttribute('href')).toBe(`/api/analytics/sops/${SOP_ID}/export/runs.csv?format=excel-fr`);
    expect(await screen.findByRole('link', { name: 'Compare version 1 and version 2' })).toBeTruthy();
  });

  it('reloads with the chosen filters and puts them in the exports', async () => {
    const spy = fakeAnalyticsFetch();
    renderApp(`/analytics/sops/${SOP_ID}`);
    await screen.findByRole('option', { name: 'Version 2' });
    fireEvent.input(screen.getByRole('combobox', { name: 'Version' }), { target: { value: '2' } });
    fireEvent.input(screen.getByRole('combobox', { name: 'Runs' }), { target: { value: 'regular' } });
    await waitFor(() => expect(String(spy.mock.calls.at(-1)?.[0])).toContain('version=2&training=regular'));
    const steps = await screen.findByRole('link', { name: 'Steps (CSV)' });
    await waitFor(() => expect(steps.getAttribute('href')).toContain('?version=2&training=regular'));
  });
});

describe('version before/after', () => {
  it('says in words how much faster v2 is and whether it could be chance', async () => {
    fakeAnalyticsFetch();
    renderApp(`/analytics/sops/${SOP_ID}/compare?a=1&b=2`);
    const verdict = await screen.findByRole('region', { name: 'In short' });
    expect(verdict.textContent).toContain('v2 is 34% faster than v1; this is very unlikely to be chance.');
    expect(verdict.textContent).toContain('v2 has 1 points fewer errors; this could be chance.');
    const table = screen.getByRole('table', { name: /Before and after/ });
    expect(within(table).getByRole('row', { name: /Read the repair order/ }).textContent).toContain(
      'this could be chance',
    );
  });

  it('speaks French', async () => {
    fakeAnalyticsFetch();
    renderApp(`/analytics/sops/${SOP_ID}/compare?a=1&b=2`);
    applyLocale('fr');
    const verdict = await screen.findByRole('region', { name: 'En bref' });
    // French puts a narrow no-break space before the percent sign.
    expect(verdict.textContent).toMatch(
      /La v2 est 34\s% plus rapide que la v1 ; il est très peu probable que ce soit le hasard\./,
    );
  });
});

describe('run timeline', () => {
  it('lays out the steps with a text alternative listing pauses and problems', async () => {
    fakeAnalyticsFetch();
    renderApp(`/analytics/runs/${RUN_ID}`);
    const chart = await screen.findByRole('img', { name: /Steps on a time axis/ });
    expect(chart.querySelectorAll('.chart-segment')).toHaveLength(3);
    expect(chart.querySelectorAll('.chart-flag')).toHaveLength(2);
    expect(
      screen.getByText(/the longest was Locate the faulty part \(2 h 26 min\); 1 pause\(s\) and 2 note\(s\)/),
    ).toBeTruthy();
    fireEvent.click(screen.getByText('Show the data as a table'));
    const rows = screen.getAllByRole('row').map((r) => r.textContent);
    expect(rows).toContain('1 hPause15 min 00 s');
    expect(rows).toContain('1 h 40Problem reportedtool: Outil indisponible');
  });
});

describe('onboarding', () => {
  it('shows each new hire’s status and learning curve', async () => {
    fakeAnalyticsFetch();
    renderApp('/analytics/onboarding');
    const lea = await screen.findByRole('region', { name: 'Léa Garnier' });
    expect(lea.textContent).toContain('proficient at run 7, 12 days after the first');
    expect(
      within(lea)
        .getByRole('img', { name: /Léa Garnier — Diagnosis/ })
        .querySelectorAll('.chart-error'),
    ).toHaveLength(1);
    const hugo = screen.getByRole('region', { name: 'Hugo Lefèvre' });
    expect(hugo.textContent).toContain('learning: 3 run(s) so far');
    expect(hugo.textContent).toContain('Not proficient yet after 3 run(s): the threshold is 1 h 20 min.');
  });
});
