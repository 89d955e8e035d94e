/**
 * An inline panel that asks for a required reason before an action (skip a step, abort
 * the run, flag a problem). Inline rather than a modal dialog: it stays usable with one
 * thumb and never traps a screen reader. The text field takes focus when it opens.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../../i18n/index.ts';
import { FieldError } from '../step-forms/common.tsx';
import { useAction } from '../use-action.ts';

interface Props {
  id: string;
  title: string;
  label: string;
  confirm: string;
  requiredMessage: string;
  disabled?: boolean;
  maxLength: number;
  children?: ComponentChildren;
  onConfirm: (reason: string) => Promise<void>;
  onCancel: () => void;
}

export function ReasonPanel(props: Props) {
  const t = useT();
  const [busy, run] = useAction();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  const submit = (event: Event) => {
    event.preventDefault();
    const trimmed = reason.trim();
    if (!trimmed) return setError(props.requiredMessage);
    return run(() => props.onConfirm(trimmed));
  };
  return (
    <form class="panel" aria-labelledby={`${props.id}-title`} onSubmit={submit} noValidate>
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      {props.children}
      <label class="field-label">
        {props.label}
        <textarea
          ref={field}
          class="field"
          required
          maxLength={props.maxLength}
          value={reason}
          disabled={props.disabled}
          aria-describedby={error ? `${props.id}-error` : undefined}
          onInput={(e) => {
            setReason(e.currentTarget.value);
            setError(null);
          }}
        />
      </label>
      <FieldError id={`${props.id}-error`} message={error} />
      <div class="panel-actions">
        <button type="submit" class="button primary" disabled={props.disabled || busy}>
          {props.confirm}
        </button>
        <button type="button" class="button secondary" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
