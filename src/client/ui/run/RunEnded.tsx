/** A completed or aborted run: what happened, and the way back to the procedures. */
import { Link } from '@tanstack/react-router';
import { useEffect, useRef } from 'preact/hooks';
import type { RunEvent } from '../../../shared/events.ts';
import { summarizeRun } from '../../../shared/run-summary.ts';
import type { SopVersionContent } from '../../../shared/sop.ts';
import { useT } from '../../i18n/index.ts';
import { RunSummary } from './RunSummary.tsx';

export function RunEnded({ events, content }: { events: readonly RunEvent[]; content: SopVersionContent }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const summary = summarizeRun(events, content);
  const completed = summary.state.status === 'completed';
  return (
    <section class="run-ended">
      <h2 ref={heading} tabIndex={-1}>
        {completed ? t('end.completed') : t('end.aborted')}
      </h2>
      {!completed && summary.state.abortReason && <p>{t('end.abortReason', { reason: summary.state.abortReason })}</p>}
      <RunSummary summary={summary} content={content} />
      <Link to="/" class="button primary">
        {t('common.back')}
      </Link>
    </section>
  );
}
