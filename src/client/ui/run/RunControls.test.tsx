import { screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../db/database.ts';
import { eventLog, seedDemo } from '../../test-support/render-app.tsx';
import { click, heading, startFromDetail, type } from '../../test-support/run-screen.ts';
import { OIL_ID, RECEPTION_ID } from '../../test-support/sops.ts';

beforeEach(seedDemo);

async function startReception(): Promise<string> {
  const runId = await startFromDetail(RECEPTION_ID, 'Customer reception');
  await heading('Greet the customer');
  return runId;
}

describe('run controls', () => {
  it('skips a non-critical step only with a reason, then moves on', async () => {
    const runId = await startReception();
    click('Skip step');
    click('Skip this step');
    expect(await screen.findByText('Give a reason to skip.')).toBeTruthy();
    expect(await eventLog(runId)).toEqual(['run_started', 'step_started:greet']);
    type('Why skip this step?', 'Customer already inside');
    click('Skip this step');
    await heading('Is there visible damage?');
    expect((await eventLog(runId)).slice(2)).toEqual(['step_skipped:greet', 'step_started:damage']);
    const skipped = await db.events.where({ runId, type: 'step_skipped' }).first();
    expect(skipped?.payload).toEqual({ stepId: 'greet', reason: 'Customer already inside' });
  });

  it('offers no skip on a critical step', async () => {
    const runId = await startReception();
    click('Done');
    await heading('Is there visible damage?');
    click('No');
    await heading('Tyre pressure');
    expect(screen.queryByRole('button', { name: 'Skip step' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Flag a problem' })).toBeTruthy();
    expect(await eventLog(runId)).not.toContain('step_skipped:pressure');
  });

  it('flags a problem with a category and a note, and the run continues on the same step', async () => {
    const runId = await startReception();
    click('Flag a problem');
    (await screen.findByRole('radio', { name: 'Safety' })).click();
    type('What is wrong?', 'Oil on the floor');
    click('Save the problem');
    expect(await screen.findByText('Problem recorded. The run continues.')).toBeTruthy();
    const flag = await db.events.where({ runId, type: 'step_flagged' }).first();
    expect(flag?.payload).toEqual({ stepId: 'greet', category: 'safety', note: 'Oil on the floor' });
    expect(screen.getByRole('heading', { name: 'Greet the customer', level: 2 })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Done' })).toHaveProperty('disabled', false);
  });

  it('disables the step actions while paused and enables them on resume', async () => {
    const runId = await startReception();
    click('Pause');
    await screen.findByRole('button', { name: 'Resume' });
    expect(await eventLog(runId)).toContain('run_paused');
    expect(screen.getByRole('button', { name: 'Done' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Skip step' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Flag a problem' })).toHaveProperty('disabled', true);
    expect(screen.getByText('The run is paused. Resume to continue.')).toBeTruthy();
    click('Resume');
    await screen.findByRole('button', { name: 'Pause' });
    expect((await eventLog(runId)).at(-1)).toBe('run_resumed');
    expect(screen.getByRole('button', { name: 'Done' })).toHaveProperty('disabled', false);
  });

  it('aborts only with a reason and records run_aborted', async () => {
    const runId = await startReception();
    click('Abort run');
    click('Abort this run');
    expect(await screen.findByText('Give a reason to abort.')).toBeTruthy();
    type('Why abort this run?', 'Customer left');
    click('Abort this run');
    await heading('Run aborted');
    expect(screen.getByText('Reason: Customer left')).toBeTruthy();
    expect((await eventLog(runId)).at(-1)).toBe('run_aborted');
    expect((await db.runs.get(runId))?.status).toBe('aborted');
  });
});

describe('free-order run', () => {
  it('lists every item, opens them in any order and finishes when all are settled', async () => {
    const runId = await startFromDetail(OIL_ID, 'Workshop inspection');
    await screen.findByRole('button', { name: 'Open Exits clear' });
    expect(await eventLog(runId)).toEqual(['run_started']);
    expect(screen.queryByRole('button', { name: 'Finish run' })).toBeNull();
    click('Open Exits clear');
    await heading('Exits clear');
    click('Done');
    await screen.findByText('1 of 2 done');
    click('Open Lights work');
    await heading('Lights work');
    click('Skip step');
    type('Why skip this step?', 'Power cut');
    click('Skip this step');
    await heading('Summary');
    expect(await eventLog(runId)).toEqual([
      'run_started',
      'step_started:exits',
      'step_completed:exits',
      'step_started:lights',
      'step_skipped:lights',
    ]);
    click('Finish run');
    await heading('Run completed');
    await waitFor(async () => expect((await eventLog(runId)).at(-1)).toBe('run_completed'));
  });
});
