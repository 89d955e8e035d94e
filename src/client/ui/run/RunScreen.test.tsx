import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../db/database.ts';
import { eventLog, renderApp, seedDemo } from '../../test-support/render-app.tsx';
import { chooseFile } from '../../test-support/file-input.ts';
import { click, heading } from '../../test-support/run-screen.ts';
import { RECEPTION_ID } from '../../test-support/sops.ts';

/** Opens the reception SOP, taps "Start run" and waits for the first step. */
async function startReception(opts: { guided?: boolean } = {}): Promise<string> {
  const view = renderApp(`/sops/${RECEPTION_ID}`);
  await screen.findByRole('heading', { name: 'Customer reception', level: 1 });
  if (opts.guided) fireEvent.click(screen.getByRole('checkbox', { name: 'Guided mode (training)' }));
  click('Start run');
  await heading('Greet the customer');
  const runId = view.router.state.location.pathname.split('/').pop() ?? '';
  expect(view.router.state.location.pathname).toBe(`/runs/${runId}`);
  return runId;
}

/** Taps Done and waits for `next`; returns the events stored at the moment `next` showed. */
async function doneThen(next: string, runId: string): Promise<string[]> {
  click('Done');
  await heading(next);
  return eventLog(runId);
}

beforeEach(seedDemo);

describe('run screen, sequential', () => {
  it('stores every tap before the next step shows, branches, and finishes with a summary', async () => {
    const runId = await startReception();
    expect(screen.getByText('Step 1 of 6')).toBeTruthy();
    expect(await eventLog(runId)).toEqual(['run_started', 'step_started:greet']);
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Greet the customer'));

    expect((await doneThen('Is there visible damage?', runId)).slice(2)).toEqual([
      'step_completed:greet',
      'step_started:damage',
    ]);
    click('No');
    await heading('Tyre pressure');
    expect(screen.getByText('Step 3 of 5')).toBeTruthy();
    expect((await eventLog(runId)).slice(4)).toEqual([
      'decision_answered:damage',
      'step_completed:damage',
      'step_started:pressure',
    ]);

    fireEvent.input(screen.getByRole('textbox', { name: 'Tyre pressure' }), { target: { value: '2,2' } });
    expect(screen.queryByRole('alert')).toBeNull();
    const afterReading = await doneThen('Licence plate', runId);
    expect(afterReading.slice(7)).toEqual([
      'reading_recorded:pressure',
      'step_completed:pressure',
      'step_started:plate',
    ]);
    const reading = await db.events.where({ runId, type: 'reading_recorded' }).first();
    expect(reading?.payload).toEqual({ stepId: 'pressure', value: 2.2, unit: 'bar' });

    fireEvent.input(screen.getByRole('textbox', { name: 'Licence plate' }), { target: { value: ' AB-123-CD ' } });
    expect((await doneThen('Hand over the keys', runId)).slice(10, 11)).toEqual(['text_recorded:plate']);

    click('Done');
    await heading('Summary');
    expect(screen.getByText('Total time')).toBeTruthy();
    expect(screen.getByText('Active time')).toBeTruthy();
    expect((await eventLog(runId)).at(-1)).toBe('step_completed:keys');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Keys tagged' }));
    click('Finish run');
    await heading('Run completed');
    const completed = await db.events.where({ runId, type: 'run_completed' }).first();
    expect(completed?.payload).toEqual({ confirmedCriteria: [1] });
    expect((await db.runs.get(runId))?.status).toBe('completed');
  });

  it('follows the "Yes" branch to the photo step and stores the picture with its event', async () => {
    const runId = await startReception();
    await doneThen('Is there visible damage?', runId);
    click('Yes');
    await heading('Photograph the damage');
    const input = screen.getByLabelText('Photograph the damage') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.getAttribute('capture')).toBe('environment');
    const file = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'scratch.jpg', { type: 'image/jpeg' });
    chooseFile(input, file);
    await waitFor(async () => expect((await eventLog(runId)).at(-1)).toBe('photo_attached:photo'));
    const attached = await db.events.where({ runId, type: 'photo_attached' }).first();
    const photo = await db.photos.toArray();
    expect(photo).toHaveLength(1);
    expect(await screen.findByText('Photo 1 of this step')).toBeTruthy();
    expect(attached?.payload).toMatchObject({ photoId: photo[0]?.id, mime: 'image/jpeg', bytes: 4 });
    expect(await doneThen('Tyre pressure', runId)).toContain('step_completed:photo');
  });

  it('warns about a reading out of range and requires a note on a critical step', async () => {
    const runId = await startReception();
    await doneThen('Is there visible damage?', runId);
    click('No');
    await heading('Tyre pressure');
    const field = screen.getByRole('textbox', { name: 'Tyre pressure' });
    expect(field.getAttribute('inputmode')).toBe('decimal');
    expect(screen.getByText('Accepted range: 1.8–2.5 bar')).toBeTruthy();
    fireEvent.input(field, { target: { value: '3,1' } });
    expect(screen.getByRole('alert').textContent).toContain('Out of range: 3.1 bar is outside 1.8–2.5 bar.');
    const before = await eventLog(runId);
    click('Done');
    expect(
      await screen.findByText('This step is critical: describe the problem before going on.', {
        selector: '.field-error',
      }),
    ).toBeTruthy();
    expect(await eventLog(runId)).toEqual(before);
    fireEvent.click(screen.getByRole('radio', { name: 'Tool or equipment' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Note about this reading' }), {
      target: { value: 'Gauge off' },
    });
    const after = await doneThen('Licence plate', runId);
    expect(after.slice(before.length)).toEqual([
      'reading_recorded:pressure',
      'step_flagged:pressure',
      'step_completed:pressure',
      'step_started:plate',
    ]);
    const flag = await db.events.where({ runId, type: 'step_flagged' }).first();
    expect(flag?.payload).toEqual({ stepId: 'pressure', category: 'tool', note: 'Gauge off' });
  });

  it('rejects a reading that is not a number and accepts a decimal point', async () => {
    const runId = await startReception();
    await doneThen('Is there visible damage?', runId);
    click('No');
    const field = await screen.findByRole('textbox', { name: 'Tyre pressure' });
    fireEvent.input(field, { target: { value: 'abc' } });
    click('Done');
    expect(await screen.findByText('Enter a number, for example 2,5 or 2.5.')).toBeTruthy();
    fireEvent.input(field, { target: { value: '1.9' } });
    await doneThen('Licence plate', runId);
  });

  it('requires the text of a required text step', async () => {
    const runId = await startReception();
    await doneThen('Is there visible damage?', runId);
    click('No');
    fireEvent.input(await screen.findByRole('textbox', { name: 'Tyre pressure' }), { target: { value: '2' } });
    await doneThen('Licence plate', runId);
    const before = await eventLog(runId);
    click('Done');
    expect(await screen.findByText('This answer is required.')).toBeTruthy();
    expect(await eventLog(runId)).toEqual(before);
  });

  it('resumes at the current step after a reload', async () => {
    const runId = await startReception();
    await doneThen('Is there visible damage?', runId);
    cleanup();
    renderApp(`/runs/${runId}`);
    expect(await heading('Is there visible damage?')).toBeTruthy();
    expect(screen.getByText('Step 2 of 6')).toBeTruthy();
  });

  it('resumes the run in progress instead of starting a second one', async () => {
    const runId = await startReception();
    cleanup();
    const view = renderApp(`/sops/${RECEPTION_ID}/run`);
    await heading('Greet the customer');
    expect(view.router.state.location.pathname).toBe(`/runs/${runId}`);
    expect(await db.runs.count()).toBe(1);
  });

  it('shows the guided-mode help of a training run', async () => {
    const runId = await startReception({ guided: true });
    expect((await db.events.where({ runId, type: 'run_started' }).first())?.payload).toMatchObject({ training: true });
    await doneThen('Is there visible damage?', runId);
    click('No');
    await heading('Tyre pressure');
    expect(screen.getByRole('heading', { name: 'Why this matters' })).toBeTruthy();
    expect(screen.getByText('Under-inflated tyres wear fast.')).toBeTruthy();
    expect(screen.getByText('Expected time: 1 min 30 s')).toBeTruthy();
  });
});
