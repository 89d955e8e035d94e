/**
 * The steps already behind the technician, read-only: each with its outcome (done or
 * skipped, the answer given, problems flagged) and its time (step duration from the
 * shared runDurations, so it equals what the server will report). A closed disclosure by
 * default: it costs one line on a small screen and opens with one tap.
 */
import { useState } from 'preact/hooks';
import { runDurations } from '../../../shared/durations.ts';
import type { RunEvent } from '../../../shared/events.ts';
import { isStepFlagged, type RunState, type StepState } from '../../../shared/fold.ts';
import { type Locale, localize } from '../../../shared/locale.ts';
import type { SopVersionContent, Step } from '../../../shared/sop.ts';
import { formatDuration, formatNumber } from '../../i18n/format.ts';
import { type Translate, useLocale, useT } from '../../i18n/index.ts';

interface Props {
  state: RunState;
  content: SopVersionContent;
  events: readonly RunEvent[];
}

/** What the technician entered or decided at a step, in words. */
function outcome(step: Step, s: StepState, t: Translate, locale: Locale): string[] {
  const parts: string[] = [];
  if (s.answer) parts.push(t('review.answer', { answer: t(s.answer === 'yes' ? 'run.yes' : 'run.no') }));
  if (s.reading) parts.push(`${formatNumber(s.reading.value, locale)} ${s.reading.unit}`.trim());
  if (s.text) parts.push(t('review.text', { text: s.text }));
  if (s.photoIds.length > 0) parts.push(t('review.photos', { n: s.photoIds.length }));
  if (s.skipReason) parts.push(t('review.skipReason', { reason: s.skipReason }));
  if (isStepFlagged(s, step)) {
    const notes = s.flags.map((f) => `${t(`flagCategory.${f.category}`)}: ${f.note}`);
    parts.push(notes.length > 0 ? t('review.flags', { flags: notes.join(' ; ') }) : t('review.outOfRange'));
  }
  return parts;
}

function settledBehind(state: RunState, content: SopVersionContent): { def: Step; s: StepState }[] {
  const defs = new Map(content.steps.map((s) => [s.id, s]));
  return state.path
    .map((id) => ({ def: defs.get(id), s: state.steps[id] }))
    .filter((x): x is { def: Step; s: StepState } => !!x.def && !!x.s && x.s.status !== 'pending')
    .filter((x) => x.def.id !== state.currentStepId);
}

export function PreviousSteps({ state, content, events }: Props) {
  const t = useT();
  // The list is built only while open: a long run must not pay for it on every tap.
  const [open, setOpen] = useState(false);
  const behind = settledBehind(state, content);
  if (behind.length === 0) return null;
  return (
    <details class="review" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('review.title', { n: behind.length })}</summary>
      {open && <ReviewList behind={behind} events={events} />}
    </details>
  );
}

function ReviewList({ behind, events }: { behind: { def: Step; s: StepState }[]; events: readonly RunEvent[] }) {
  const t = useT();
  const locale = useLocale();
  const durations = runDurations(events).steps;
  return (
    <ol class="review-steps">
      {behind.map(({ def, s }) => (
        <li key={def.id}>
          <span class="review-title">{localize(def.title, locale)}</span>{' '}
          <span class="tag">{t(`run.status.${s.status}`)}</span>{' '}
          <span class="duration">{t('review.time', { time: formatDuration(durations[def.id]?.totalMs ?? 0) })}</span>
          {outcome(def, s, t, locale).map((line) => (
            <span key={line} class="review-detail">
              {line}
            </span>
          ))}
        </li>
      ))}
    </ol>
  );
}
