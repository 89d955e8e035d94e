import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../db/database.ts';
import { recordEvents } from '../../db/record.ts';
import { putPulledItems } from '../../db/sops.ts';
import { eventLog, renderApp, seedDemo } from '../../test-support/render-app.tsx';
import { click, heading, startFromDetail, type } from '../../test-support/run-screen.ts';
import { RECEPTION_ID, receptionContent, sop, version } from '../../test-support/sops.ts';

beforeEach(seedDemo);
afterEach(() => vi.unstubAllGlobals());

async function startReception(): Promise<string> {
  const runId = await startFromDetail(RECEPTION_ID, 'Customer reception');
  await heading('Greet the customer');
  return runId;
}

describe('run screen: reviewing the path taken', () => {
  it('lists earlier steps read-only with their outcome and time', async () => {
    const runId = await startReception();
    expect(screen.queryByText(/Previous steps/)).toBeNull();
    click('Skip step');
    type('Why skip this step?', 'Customer already inside');
    click('Skip this step');
    await heading('Is there visible damage?');
    click('No');
    await heading('Tyre pressure');

    const summary = screen.getByText('Previous steps (2)');
    const review = summary.closest('details') as HTMLElement;
    fireEvent.click(summary);
    const items = await within(review).findAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.review-title')?.textContent)).toEqual([
      'Greet the customer',
      'Is there visible damage?',
    ]);
    expect(items[0]?.textContent).toContain('Skipped');
    expect(items[0]?.textContent).toContain('Skipped because: Customer already inside');
    expect(items[1]?.textContent).toContain('Answer: No');
    expect(items[1]?.textContent).toMatch(/Time: \d+ s/);
    expect(within(review).queryByRole('button')).toBeNull();
    expect(within(review).queryByRole('textbox')).toBeNull();
    expect((await eventLog(runId)).at(-1)).toBe('step_started:pressure');
  });
});

describe('run screen: version pinning', () => {
  it('keeps the version the run started on when a newer one arrives mid-run', async () => {
    const runId = await startReception();
    const v3 = receptionContent({
      steps: [{ id: 'only', kind: 'check', critical: false, title: { en: 'Brand new step' } }],
    });
    await db.transaction('rw', [db.sops, db.versions], () =>
      putPulledItems([
        { sop: sop(RECEPTION_ID, 'Customer reception', 'Réception client'), version: version(RECEPTION_ID, 3, v3) },
      ]),
    );
    click('Done');
    await heading('Is there visible damage?');
    expect(screen.queryByText('Brand new step')).toBeNull();
    expect((await db.runs.get(runId))?.sopVersion).toBe(2);
  });
});

describe('run screen: two tabs on one run', () => {
  it('refuses a tap made on a stale screen, stores nothing, and shows the live state', async () => {
    const runId = await startReception();
    // The other tab completes "greet" while this tab still shows it, and this tab's
    // technician taps Done on that stale screen in the same instant.
    const otherTab = recordEvents(runId, [
      { type: 'step_completed', payload: { stepId: 'greet' } },
      { type: 'step_started', payload: { stepId: 'damage' } },
    ]);
    click('Done');
    await otherTab;
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', expect.stringContaining('another tab'));
    await heading('Is there visible damage?');
    expect(await eventLog(runId)).toEqual([
      'run_started',
      'step_started:greet',
      'step_completed:greet',
      'step_started:damage',
    ]);
    click('No');
    await heading('Tyre pressure');
    await waitFor(() => expect(screen.queryByText(/changed in another tab/)).toBeNull());
  });
});

describe('run screen: field ergonomics', () => {
  it('holds a screen wake lock while the run is open, again after the page was hidden, and releases it', async () => {
    const sentinels: { released: boolean; release: () => Promise<void> }[] = [];
    const request = vi.fn(async () => {
      const sentinel = {
        released: false,
        release: async () => {
          sentinel.released = true;
        },
      };
      sentinels.push(sentinel);
      return sentinel;
    });
    vi.stubGlobal('navigator', Object.assign(Object.create(navigator), { wakeLock: { request } }));
    const runId = await startReception();
    await waitFor(() => expect(request).toHaveBeenCalledWith('screen'));
    // The browser drops the lock when the page is hidden; coming back asks again.
    await act(async () => {
      const first = sentinels[0];
      if (first) first.released = true;
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await waitFor(() => expect(request).toHaveBeenCalledTimes(2));
    cleanup();
    await waitFor(() => expect(sentinels.every((s) => s.released)).toBe(true));
    expect(runId).toBeTruthy();
  });

  it('vibrates when a problem is flagged, where the device can', async () => {
    const vibrate = vi.fn(() => true);
    vi.stubGlobal('navigator', Object.assign(Object.create(navigator), { vibrate }));
    await startReception();
    click('Flag a problem');
    type('What is wrong?', 'Oil on the floor');
    click('Save the problem');
    await screen.findByText('Problem recorded. The run continues.');
    expect(vibrate).toHaveBeenCalledTimes(1);
  });
});

describe('deep link', () => {
  it('/sops/:id/run starts a run at its first step when none is in progress', async () => {
    const view = renderApp(`/sops/${RECEPTION_ID}/run`);
    await heading('Greet the customer');
    expect(view.router.state.location.pathname).toMatch(/^\/runs\//);
    expect(screen.getByText('Step 1 of 6')).toBeTruthy();
    expect(await db.runs.count()).toBe(1);
  });
});
