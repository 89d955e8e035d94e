/**
 * The run screen. Everything it shows is the fold of the run's stored events, read live
 * from IndexedDB: a control records its events (awaiting the transaction) and the screen
 * moves on only when the database says so — what is on screen has always been saved.
 * The live query also sees other tabs' writes, so a second tab on the same run shows the
 * live state, and its taps on a stale state are refused (see run/actions.ts).
 */
import { useEffect } from 'preact/hooks';
import { foldRun, type RunState } from '../../../shared/fold.ts';
import { localize } from '../../../shared/locale.ts';
import { setRunInProgressOnPage } from '../../app/page-state.ts';
import { liveValue } from '../../db/live.ts';
import type { RunBundle } from '../../db/runs.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import type { RunContext } from '../../run/actions.ts';
import { findStep, pathProgress, readyToFinish, settledCount } from '../../run/progression.ts';
import { StepHeader } from '../StepHeader.tsx';
import { StepForm } from '../step-forms/index.tsx';
import { FinishPanel } from './FinishPanel.tsx';
import { FreeOrderList } from './FreeOrderList.tsx';
import { PreviousSteps } from './PreviousSteps.tsx';
import { RunControls } from './RunControls.tsx';
import { RunEnded } from './RunEnded.tsx';
import { setRunChangedNotice, useRunChangedNotice } from './run-changed.ts';
import { useRunBundle } from './use-run-bundle.ts';
import { useWakeLock } from './use-wake-lock.ts';

/**
 * The fold of the run: the one stored with its row when it covers exactly the events held
 * (it always does once both reads have caught up), else folded here from the events.
 */
function runState(bundle: RunBundle): RunState {
  const { fold } = bundle.run;
  const lastHeld = bundle.events.at(-1)?.seq ?? -1;
  return fold && fold.lastSeq === lastHeld ? fold : foldRun(bundle.events);
}

export function RunScreen({ runId }: { runId: string }) {
  const t = useT();
  const locale = useLocale();
  const result = useRunBundle(runId);
  const bundle = liveValue(result);
  const state = bundle ? runState(bundle) : null;
  const inProgress = state?.status === 'in_progress';

  const runChanged = useRunChangedNotice();
  useWakeLock(inProgress);
  useEffect(() => {
    setRunInProgressOnPage(inProgress);
    return () => setRunInProgressOnPage(false);
  }, [inProgress]);
  useEffect(() => () => setRunChangedNotice(false), []);

  if (result.status === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (result.status === 'error') return <p role="alert">{t('common.error')}</p>;
  if (!bundle || !state || !bundle.version) return <p role="alert">{t('run.notFound')}</p>;

  const content = bundle.version.content;
  if (!inProgress) {
    return (
      <article class="run">
        <h1 class="run-title">{localize(bundle.sop?.title, locale)}</h1>
        <RunEnded events={bundle.events} content={content} />
      </article>
    );
  }

  const ctx: RunContext = { runId, content, state };
  const step = findStep(content, state.currentStepId);
  const freeOrder = content.mode === 'free_order';
  const onPath = pathProgress(state, content);
  const progress = freeOrder
    ? t('run.freeProgress', { done: settledCount(state, content), total: content.steps.length })
    : onPath
      ? t('run.progress', onPath)
      : '';

  return (
    <article class="run">
      <h1 class="run-title">
        {localize(bundle.sop?.title, locale)}
        {state.training && <span class="tag">{t('run.training')}</span>}
      </h1>
      {state.paused && (
        <p class="paused" role="status">
          {t('run.paused')}
        </p>
      )}
      {runChanged && (
        <p class="warning" role="alert">
          {t('run.changedElsewhere')}
        </p>
      )}
      <PreviousSteps state={state} content={content} events={bundle.events} />
      {step && (
        <section class="step" key={step.id}>
          <StepHeader step={step} progress={progress} training={state.training} />
          <StepForm ctx={ctx} step={step} disabled={state.paused} />
        </section>
      )}
      {freeOrder && !step && <p class="progress">{progress}</p>}
      {freeOrder && <FreeOrderList ctx={ctx} content={content} />}
      {readyToFinish(state, content) && <FinishPanel ctx={ctx} events={bundle.events} />}
      <RunControls key={step?.id ?? 'none'} ctx={ctx} step={step} />
    </article>
  );
}
