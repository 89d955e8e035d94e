/** After the last step: the summary, the acceptance criteria to confirm, then "Finish run". */
import { useState } from 'preact/hooks';
import type { RunEvent } from '../../../shared/events.ts';
import { localize } from '../../../shared/locale.ts';
import { summarizeRun } from '../../../shared/run-summary.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { finishRun, type RunContext } from '../../run/actions.ts';
import { useAction } from '../use-action.ts';
import { RunSummary } from './RunSummary.tsx';

export function FinishPanel({ ctx, events }: { ctx: RunContext; events: readonly RunEvent[] }) {
  const t = useT();
  const locale = useLocale();
  const [busy, run] = useAction();
  const [confirmed, setConfirmed] = useState<number[]>([]);
  const summary = summarizeRun(events, ctx.content, Date.now());
  const criteria = ctx.content.acceptanceCriteria;
  const toggle = (index: number, checked: boolean) =>
    setConfirmed((list) => (checked ? [...list, index].sort((a, b) => a - b) : list.filter((i) => i !== index)));

  return (
    <section class="finish" aria-labelledby="summary-title">
      <h2 id="summary-title" tabIndex={-1}>
        {t('summary.title')}
      </h2>
      <RunSummary summary={summary} content={ctx.content} />
      <fieldset class="choices" disabled={ctx.state.paused}>
        <legend>{t('summary.criteria')}</legend>
        {criteria.length === 0 && <p>{t('summary.noCriteria')}</p>}
        {criteria.map((criterion, index) => (
          <label key={localize(criterion, 'en') + String(index)} class="choice">
            <input
              type="checkbox"
              checked={confirmed.includes(index)}
              onChange={(e) => toggle(index, e.currentTarget.checked)}
            />
            {localize(criterion, locale)}
          </label>
        ))}
      </fieldset>
      <div class="primary-actions">
        <button
          type="button"
          class="button primary"
          disabled={busy || ctx.state.paused}
          onClick={() => run(() => finishRun(ctx, confirmed))}
        >
          {t('run.finish')}
        </button>
      </div>
    </section>
  );
}
