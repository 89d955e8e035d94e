/**
 * The secondary controls of a run: flag a problem, skip the step (non-critical only),
 * pause/resume, abort. Each opens its panel inline; Pause and Resume record at once.
 */
import { useState } from 'preact/hooks';
import type { FlagCategory } from '../../../shared/events.ts';
import type { Step } from '../../../shared/sop.ts';
import { useT } from '../../i18n/index.ts';
import { abortRun, flagStep, pauseRun, type RunContext, resumeRun, skipStep } from '../../run/actions.ts';
import { CategoryPicker } from '../CategoryPicker.tsx';
import { useAction } from '../use-action.ts';
import { ReasonPanel } from './ReasonPanel.tsx';
import { buzz } from './use-wake-lock.ts';

type Panel = 'flag' | 'skip' | 'abort' | null;

interface Props {
  ctx: RunContext;
  /** The step the flag and skip apply to; none on the summary or the free-order list. */
  step: Step | undefined;
}

export function RunControls({ ctx, step }: Props) {
  const t = useT();
  const [panel, setPanel] = useState<Panel>(null);
  const [category, setCategory] = useState<FlagCategory>('defect');
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, run] = useAction();
  const paused = ctx.state.paused;
  const close = () => setPanel(null);
  const toggle = (next: Panel) => {
    setNotice(null);
    setPanel(panel === next ? null : next);
  };

  return (
    <section class="run-controls" aria-label={t('run.controls')}>
      <div class="control-row">
        {step && (
          <button type="button" class="button secondary" disabled={paused} onClick={() => toggle('flag')}>
            {t('run.flag')}
          </button>
        )}
        {step && !step.critical && (
          <button type="button" class="button secondary" disabled={paused} onClick={() => toggle('skip')}>
            {t('run.skip')}
          </button>
        )}
        <button
          type="button"
          class="button secondary"
          disabled={busy}
          aria-pressed={paused}
          onClick={() => run(() => (paused ? resumeRun(ctx) : pauseRun(ctx)))}
        >
          {paused ? t('run.resume') : t('run.pause')}
        </button>
        <button type="button" class="button danger" onClick={() => toggle('abort')}>
          {t('run.abort')}
        </button>
      </div>
      {notice && <p role="status">{notice}</p>}
      {panel === 'flag' && step && (
        <ReasonPanel
          id="flag"
          title={t('flag.title')}
          label={t('flag.note')}
          confirm={t('flag.save')}
          requiredMessage={t('flag.noteRequired')}
          maxLength={2000}
          disabled={paused}
          onCancel={close}
          onConfirm={async (note) => {
            await flagStep(ctx, step.id, category, note);
            buzz();
            close();
            setNotice(t('flag.saved'));
          }}
        >
          <CategoryPicker legend={t('flag.category')} name="flag-category" value={category} onChange={setCategory} />
        </ReasonPanel>
      )}
      {panel === 'skip' && step && !step.critical && (
        <ReasonPanel
          id="skip"
          title={t('skip.title')}
          label={t('skip.reason')}
          confirm={t('skip.confirm')}
          requiredMessage={t('skip.reasonRequired')}
          maxLength={500}
          disabled={paused}
          onCancel={close}
          onConfirm={async (reason) => {
            await skipStep(ctx, step.id, reason);
            close();
          }}
        />
      )}
      {panel === 'abort' && (
        <ReasonPanel
          id="abort"
          title={t('abort.title')}
          label={t('abort.reason')}
          confirm={t('abort.confirm')}
          requiredMessage={t('abort.reasonRequired')}
          maxLength={500}
          onCancel={close}
          onConfirm={(reason) => abortRun(ctx, reason)}
        />
      )}
    </section>
  );
}
