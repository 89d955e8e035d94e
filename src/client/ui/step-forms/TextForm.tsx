/** A text step: a short answer (serial number, plate…), required when the step says so. */
import { useState } from 'preact/hooks';
import type * as z from 'zod/mini';
import type { TextStep } from '../../../shared/sop.ts';
import { useT } from '../../i18n/index.ts';
import { completeStep } from '../../run/actions.ts';
import { useAction } from '../use-action.ts';
import { FieldError, type StepFormProps, titleId } from './common.tsx';

export function TextForm({ ctx, step, disabled }: StepFormProps<z.infer<typeof TextStep>>) {
  const t = useT();
  const [busy, run] = useAction();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const errorId = `text-error-${step.id}`;
  const submit = (event: Event) => {
    event.preventDefault();
    const answer = text.trim();
    if (step.required && !answer) return setError(t('text.required'));
    return run(() => completeStep(ctx, step.id, { text: answer }));
  };
  return (
    <form class="step-form" onSubmit={submit} noValidate>
      <input
        type="text"
        class="field"
        aria-labelledby={titleId(step)}
        aria-describedby={error ? errorId : undefined}
        aria-invalid={error ? true : undefined}
        aria-required={step.required}
        maxLength={500}
        autoComplete="off"
        value={text}
        disabled={disabled}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setError(null);
        }}
      />
      <FieldError id={errorId} message={error} />
      <div class="primary-actions">
        <button type="submit" class="button primary" disabled={disabled || busy}>
          {t('run.done')}
        </button>
      </div>
    </form>
  );
}
