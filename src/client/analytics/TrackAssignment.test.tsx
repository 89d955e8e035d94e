import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CSRF_HEADER } from '../../shared/csrf.ts';
import { axeViolations } from '../test-support/axe.ts';
import { renderApp, seedDemo } from '../test-support/render-app.tsx';
import { FINAL_TEST_ID, fakeAnalyticsFetch, LEA, NINA, SOP_ID } from './test-fixtures.ts';

beforeEach(seedDemo);
afterEach(() => vi.unstubAllGlobals());

interface Write {
  path: string;
  body: unknown;
  csrf: string | null;
}

/** The fixtures, and a server that records the writes and answers them with `answer`. */
function fakeServer(answer: (path: string) => Response = () => new Response('{}', { status: 200 })) {
  const writes: Write[] = [];
  const spy = fakeAnalyticsFetch({}, (path, init) => {
    writes.push({ path, body: JSON.parse(String(init.body)), csrf: new Headers(init.headers).get(CSRF_HEADER) });
    return answer(path);
  });
  return { writes, spy };
}

async function openAssignment() {
  renderApp('/analytics/onboarding');
  return screen.findByRole('region', { name: 'Assign an onboarding track' });
}

const trackTitles = (panel: HTMLElement) =>
  within(panel)
    .queryAllByRole('listitem')
    .map((item) => item.querySelector('.track-edit-title')?.textContent);

describe('assigning an onboarding track', () => {
  it('builds an ordered track of published procedures for a person and saves it', async () => {
    const { writes, spy } = fakeServer();
    const panel = await openAssignment();
    fireEvent.change(await within(panel).findByRole('combobox', { name: 'Person' }), { target: { value: NINA } });
    expect(within(panel).getByText('No procedure in this track yet.')).toBeTruthy();

    const toAdd = within(panel).getByRole('combobox', { name: 'Procedure to add' });
    // Only published procedures can be learnt: no draft, no archived one.
    expect(
      within(toAdd)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Diagnosis', 'Final test', 'Customer reception']);
    fireEvent.click(within(panel).getByRole('button', { name: 'Add to the track' }));
    fireEvent.change(within(panel).getByRole('combobox', { name: 'Procedure to add' }), {
      target: { value: FINAL_TEST_ID },
    });
    fireEvent.click(within(panel).getByRole('button', { name: 'Add to the track' }));
    expect(trackTitles(panel)).toEqual(['Diagnosis', 'Final test']);
    expect(await axeViolations()).toEqual([]);

    const up = within(panel).getByRole('button', { name: 'Move Final test up' });
    up.focus();
    fireEvent.click(up);
    expect(trackTitles(panel)).toEqual(['Final test', 'Diagnosis']);
    // "Up" is disabled at the top: the focus goes to "down" of the moved procedure.
    await waitFor(() =>
      expect(document.activeElement).toBe(within(panel).getByRole('button', { name: 'Move Final test down' })),
    );
    fireEvent.click(within(panel).getByRole('button', { name: 'Add to the track' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Remove Customer reception from the track' }));
    expect(trackTitles(panel)).toEqual(['Final test', 'Diagnosis']);

    fireEvent.input(within(panel).getByLabelText('First day'), { target: { value: '2026-01-05' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Save the track' }));
    await waitFor(() => expect(within(panel).getByRole('status').textContent).toBe('Track saved for Nina Petit.'));
    expect(writes).toEqual([
      {
        path: `/api/analytics/people/${NINA}`,
        body: { name: 'Nina Petit', role: 'technician', startDate: '2026-01-05' },
        csrf: '1',
      },
      { path: `/api/analytics/people/${NINA}/track`, body: { sopIds: [FINAL_TEST_ID, SOP_ID] }, csrf: '1' },
    ]);
    // The team view loads again to show the new track.
    const teamLoads = () => spy.mock.calls.filter(([input]) => String(input).endsWith('/api/analytics/onboarding'));
    await waitFor(() => expect(teamLoads()).toHaveLength(2));
  });

  it('starts from the track a person already has', async () => {
    fakeServer();
    const panel = await openAssignment();
    fireEvent.change(await within(panel).findByRole('combobox', { name: 'Person' }), { target: { value: LEA } });
    expect(within(panel).getByRole('heading', { name: 'Track of Léa Garnier' })).toBeTruthy();
    expect(trackTitles(panel)).toEqual(['Diagnosis']);
    expect((within(panel).getByLabelText('First day') as HTMLInputElement).value).toBe('2025-09-08');
  });

  it('says why a save failed and keeps the track on screen', async () => {
    let online = false;
    const { writes } = fakeServer((path) =>
      path.endsWith('/track')
        ? new Response(JSON.stringify({ error: 'unknown_sop', message: 'Unknown SOP' }), { status: 400 })
        : new Response('{}', { status: 200 }),
    );
    const fetchWithNetwork = globalThis.fetch;
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
      init?.method === 'PUT' && !online
        ? Promise.reject(new TypeError('Failed to fetch'))
        : fetchWithNetwork(input, init),
    );
    const panel = await openAssignment();
    fireEvent.change(await within(panel).findByRole('combobox', { name: 'Person' }), { target: { value: NINA } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Add to the track' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Save the track' }));
    expect((await within(panel).findByRole('alert')).textContent).toBe(
      'Saving a track needs a connection. Nothing was changed: try again once online.',
    );
    expect(trackTitles(panel)).toEqual(['Diagnosis']);
    expect(writes).toEqual([]);

    online = true;
    fireEvent.click(within(panel).getByRole('button', { name: 'Save the track' }));
    await waitFor(() =>
      expect(within(panel).getByRole('alert').textContent).toBe(
        'A procedure of this track no longer exists. Remove it, then save again.',
      ),
    );
    expect(trackTitles(panel)).toEqual(['Diagnosis']);
  });

  it('keeps unsaved changes of a person while another one is chosen', async () => {
    fakeServer();
    const panel = await openAssignment();
    const person = await within(panel).findByRole('combobox', { name: 'Person' });
    fireEvent.change(person, { target: { value: NINA } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Add to the track' }));
    fireEvent.change(person, { target: { value: LEA } });
    expect(trackTitles(panel)).toEqual(['Diagnosis']);
    fireEvent.click(within(panel).getByRole('button', { name: 'Remove Diagnosis from the track' }));
    fireEvent.change(person, { target: { value: NINA } });
    expect(trackTitles(panel)).toEqual(['Diagnosis']);
    fireEvent.change(person, { target: { value: LEA } });
    expect(trackTitles(panel)).toEqual([]);
  });
});
