/**
 * A reading step: a number typed with a decimal comma or point, its unit and accepted
 * range shown. A value out of range shows a warning at once; on a critical step it also
 * requires a note, recorded as a step_flagged event with the chosen category.
 */
import { useState } from 'preact/hooks';
import type { FlagCategory } from '../../../shared/events.ts';
import { readingOutOfRange } from '../../../shared/fold.ts';
import type { ReadingStep } from '../../../shared/sop.ts';
import { formatNumber, formatRange, parseDecimal } from '../../i18n/format.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { completeStep } from '../../run/actions.ts';
import { CategoryPicker } from '../CategoryPicker.tsx';
import { buzz } from '../run/use-wake-lock.ts';
import { useAction } from '../use-action.ts';
import { FieldError, type StepFormProps, titleId } from './common.tsx';

export function ReadingForm({ ctx, step, disabled }: StepFormProps<ReadingStep>) {
  const t = useT();
  const locale = useLocale();
  const [busy, run] = useAction();
  const [raw, setRaw] = useState('');
  const [note, setNote] = useState('');
  const [category, setCategory] = useState<FlagCategory>('other');
  const [error, setError] = useState<string | null>(null);
  const value = parseDecimal(raw);
  const outOfRange = value !== null && readingOutOfRange(step, value);
  const range = formatRange(step.min, step.max, step.unit, locale);
  const ids = {
    hint: `reading-hint-${step.id}`,
    warning: `reading-warning-${step.id}`,
    error: `reading-error-${step.id}`,
  };

  const submit = (event: Event) => {
    event.preventDefault();
    if (value === null) return setError(t('reading.invalid'));
    const trimmed = note.trim();
    if (outOfRange && step.critical && !trimmed) return setError(t('reading.noteRequired'));
    const flag = outOfRange && trimmed ? { category, note: trimmed } : undefined;
    return run(async () => {
      await completeStep(ctx, step.id, { reading: { value, unit: step.unit }, flag });
      if (outOfRange) buzz();
    });
  };

  return (
    <form class="step-form" onSubmit={submit} noValidate>
      <div class="reading-row">
        <input
          type="text"
          inputMode="decimal"
          class="field reading"
          aria-labelledby={titleId(step)}
          aria-describedby={[ids.hint, outOfRange ? ids.warning : '', error ? ids.error : ''].join(' ').trim()}
          aria-invalid={outOfRange || error ? true : undefined}
          autoComplete="off"
          value={raw}
          disabled={disabled}
          onInput={(e) => {
            setRaw(e.currentTarget.value);
            setError(null);
          }}
        />
        {step.unit && <span class="unit">{step.unit}</span>}
      </div>
      <p id={ids.hint} class="hint">
        {range ? t('reading.range', { range }) : t('reading.unit', { unit: step.unit })}
      </p>
      {outOfRange && (
        <div class="warning" id={ids.warning} role="alert">
          <p>{t('reading.outOfRange', { value: formatNumber(value, locale), unit: step.unit, range })}</p>
          {step.critical && <p>{t('reading.noteRequired')}</p>}
        </div>
      )}
      {outOfRange && (
        <>
          <CategoryPicker
            legend={t('reading.category')}
            name={`reading-category-${step.id}`}
            value={category}
            disabled={disabled}
            onChange={setCategory}
          />
          <label class="field-label">
            {t('reading.note')}
            <textarea
              class="field"
              maxLength={2000}
              value={note}
              required={step.critical}
              disabled={disabled}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </label>
        </>
      )}
      <FieldError id={ids.error} message={error} />
      <div class="primary-actions">
        <button type="submit" class="button primary" disabled={disabled || busy}>
          {t('run.done')}
        </button>
      </div>
    </form>
  );
}
