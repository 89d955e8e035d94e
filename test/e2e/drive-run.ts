/**
 * Drives the run screen in a real browser the way a technician would, step by step,
 * reading the current step from its heading and acting according to the step's kind in
 * the SOP version (fetched from the server's pull API beforehand).
 */
import type { Page } from 'playwright-core';
import type { Step, SopVersionContent } from '../../src/shared/sop.ts';

export interface DriveOptions {
  /** The answer to every decision (default: yes). */
  answer?: 'Yes' | 'No';
  /** A picture for photo steps: a PNG or JPEG file on disk. */
  photoPath?: string;
  /** Called before acting on each step; return false to stop driving there. */
  beforeStep?: (step: Step, index: number) => Promise<boolean> | boolean;
}

function readingInRange(step: Extract<Step, { kind: 'reading' }>): string {
  if (step.min !== undefined && step.max !== undefined) return String((step.min + step.max) / 2).replace('.', ',');
  if (step.min !== undefined) return String(step.min + 1);
  if (step.max !== undefined) return String(step.max - 1);
  return '1';
}

async function currentStepId(page: Page): Promise<string | null> {
  const heading = page.locator('h2[id^="step-title-"]');
  const finish = page.getByRole('button', { name: 'Finish run' });
  await heading.or(finish).first().waitFor();
  if ((await heading.count()) === 0) return null;
  return ((await heading.getAttribute('id')) ?? '').replace('step-title-', '');
}

async function act(page: Page, step: Step, opts: DriveOptions): Promise<void> {
  const byTitle = page.getByLabel(step.title.en ?? '', { exact: true });
  switch (step.kind) {
    case 'decision':
      await page.getByRole('button', { name: opts.answer ?? 'Yes', exact: true }).click();
      return;
    case 'reading':
      await byTitle.fill(readingInRange(step));
      break;
    case 'text':
      await byTitle.fill('AB-123-CD');
      break;
    case 'photo':
      if (opts.photoPath) {
        await byTitle.setInputFiles(opts.photoPath);
        await page.locator('.thumbnails .thumbnail').first().waitFor();
      }
      break;
    case 'check':
      break;
  }
  await page.getByRole('button', { name: 'Done', exact: true }).click();
}

/** Runs a sequential SOP from its current step to the finish panel; returns the step ids done. */
export async function driveSequentialRun(
  page: Page,
  content: SopVersionContent,
  opts: DriveOptions = {},
): Promise<string[]> {
  const done: string[] = [];
  for (let index = 0; index < content.steps.length + 1; index++) {
    const stepId = await currentStepId(page);
    if (stepId === null) return done;
    const step = content.steps.find((s) => s.id === stepId);
    if (!step) throw new Error(`the run shows a step that is not in the version: ${stepId}`);
    if (opts.beforeStep && !(await opts.beforeStep(step, index))) return done;
    await act(page, step, opts);
    await page.waitForFunction((id) => !document.getElementById(`step-title-${id}`), stepId);
    done.push(stepId);
  }
  throw new Error('the run did not reach its end');
}
