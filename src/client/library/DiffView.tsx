/** Two versions compared: steps added, removed, moved and changed, with the words that changed. */

import { localize } from '../../shared/locale.ts';
import type { FieldChange, SopDiff, StepDiff } from '../../shared/sop-diff.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { fieldLabel, isTextField, valueText } from './diff-labels.ts';

function Words({ change }: { change: FieldChange }) {
  const t = useT();
  return (
    <p class="diff-words">
      {change.words.map((part, i) =>
        part.op === 'same' ? (
          <span key={i}>{part.text}</span>
        ) : part.op === 'added' ? (
          <ins key={i}>
            <span class="visually-hidden">{t('diff.inserted')} </span>
            {part.text}
          </ins>
        ) : (
          <del key={i}>
            <span class="visually-hidden">{t('diff.deleted')} </span>
            {part.text}
          </del>
        ),
      )}
    </p>
  );
}

/** A field that is not prose: its value before and after, as the editor shows them. */
function Values({ change, diff }: { change: FieldChange; diff: SopDiff }) {
  const t = useT();
  const locale = useLocale();
  return (
    <p class="diff-words">
      {t('diff.before')} <del>{valueText(t, locale, diff, change.field, change.before)}</del>
      <span aria-hidden="true"> → </span>
      {t('diff.after')} <ins>{valueText(t, locale, diff, change.field, change.after)}</ins>
    </p>
  );
}

function Changes({ changes, diff }: { changes: readonly FieldChange[]; diff: SopDiff }) {
  const t = useT();
  return (
    <dl class="diff-changes">
      {changes.map((c) => (
        <div key={c.field}>
          <dt>{fieldLabel(t, c.field)}</dt>
          <dd>{isTextField(c.field) ? <Words change={c} /> : <Values change={c} diff={diff} />}</dd>
        </div>
      ))}
    </dl>
  );
}

function stepLabel(t: ReturnType<typeof useT>, step: StepDiff): string {
  if (step.status === 'added') return t('diff.added');
  if (step.status === 'removed') return t('diff.removed');
  const parts = [];
  if (step.moved) parts.push(t('diff.moved', { from: (step.fromIndex ?? 0) + 1, to: (step.toIndex ?? 0) + 1 }));
  if (step.changes.length > 0) parts.push(t('diff.changed'));
  return parts.length > 0 ? parts.join(', ') : t('diff.same');
}

export function DiffView({ diff, from, to }: { diff: SopDiff; from: number; to: number }) {
  const t = useT();
  const locale = useLocale();
  const touched = diff.steps.filter((s) => s.status !== 'kept' || s.moved || s.changes.length > 0);
  return (
    <section class="diff" aria-labelledby="diff-heading">
      <h2 id="diff-heading">{t('diff.title', { from, to })}</h2>
      {diff.fields.length === 0 && touched.length === 0 && <p>{t('diff.none')}</p>}
      {diff.fields.length > 0 && (
        <>
          <h3>{t('diff.general')}</h3>
          <Changes changes={diff.fields} diff={diff} />
        </>
      )}
      {touched.length > 0 && (
        <ul class="diff-steps">
          {touched.map((step) => (
            <li key={step.stepId} class={`diff-step diff-${step.status}`}>
              <p>
                <strong>{localize(step.title, locale) || step.stepId}</strong> — {stepLabel(t, step)}
              </p>
              {step.changes.length > 0 && <Changes changes={step.changes} diff={diff} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
