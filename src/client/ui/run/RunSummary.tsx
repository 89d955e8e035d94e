/** Total and active time, the steps with their status and flags: from the shared summarizeRun. */

import { localize } from '../../../shared/locale.ts';
import type { RunSummary as Summary } from '../../../shared/run-summary.ts';
import type { SopVersionContent } from '../../../shared/sop.ts';
import { formatDuration } from '../../i18n/format.ts';
import { useLocale, useT } from '../../i18n/index.ts';

export function RunSummary({ summary, content }: { summary: Summary; content: SopVersionContent }) {
  const t = useT();
  const locale = useLocale();
  const titles = new Map(content.steps.map((s) => [s.id, localize(s.title, locale)]));
  return (
    <div class="summary">
      <dl class="figures">
        <div>
          <dt>{t('summary.total')}</dt>
          <dd>{formatDuration(summary.totalMs ?? 0)}</dd>
        </div>
        <div>
          <dt>{t('summary.active')}</dt>
          <dd>{formatDuration(summary.activeMs ?? 0)}</dd>
        </div>
        <div>
          <dt>{t('summary.flagged')}</dt>
          <dd>{summary.flaggedSteps}</dd>
        </div>
      </dl>
      <h3>{t('summary.steps')}</h3>
      <ol class="summary-steps">
        {summary.steps.map((step) => (
          <li key={step.stepId}>
            <span>{titles.get(step.stepId) ?? step.stepId}</span>{' '}
            <span class="tag">{t(`run.status.${step.status}`)}</span>{' '}
            <span class="duration">{formatDuration(step.totalMs)}</span>
            {step.flagged && <span class="tag tag-critical"> {t('summary.flaggedMark')}</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}
