/**
 * Form fields of the editor. Each takes the problems of its field: shown under it in
 * words, tied to the input with aria-describedby and aria-invalid so a screen reader
 * announces them with the field.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '../../shared/sop.ts';
import type { DraftText, ProblemCode } from '../../shared/sop-draft.ts';
import { formatNumber, parseDecimal } from '../i18n/format.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { problemMessage } from './problems.ts';

export function FieldProblems({ id, codes }: { id: string; codes: readonly ProblemCode[] | undefined }) {
  const t = useT();
  if (!codes || codes.length === 0) return null;
  return (
    <span id={id} class="field-error problem">
      {codes.map((code) => problemMessage(t, code)).join(' ')}
    </span>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  value: DraftText | undefined;
  lang: Locale;
  onChange: (next: DraftText) => void;
  problems?: readonly ProblemCode[] | undefined;
  multiline?: boolean;
  hint?: ComponentChildren;
}

/** Edits one language of a localized text. */
export function TextField({ id, label, value, lang, onChange, problems, multiline, hint }: TextFieldProps) {
  const invalid = Boolean(problems && problems.length > 0);
  const common = {
    id,
    class: 'field',
    value: value?.[lang] ?? '',
    'aria-invalid': invalid ? ('true' as const) : undefined,
    'aria-describedby': invalid ? `${id}-problem` : undefined,
    onInput: (e: Event) => onChange({ ...value, [lang]: (e.currentTarget as HTMLInputElement).value }),
  };
  return (
    <div class="field-label">
      <label for={id}>{label}</label>
      {hint}
      {multiline ? <textarea {...common} rows={3} /> : <input {...common} type="text" />}
      <FieldProblems id={`${id}-problem`} codes={problems} />
    </div>
  );
}

interface NumberFieldProps {
  id: string;
  label: string;
  value: number | undefined;
  onChange: (next: number | undefined) => void;
  problems?: readonly ProblemCode[] | undefined;
  integer?: boolean;
}

/** A number typed with a comma or a point; blank means "none". */
export function NumberField({ id, label, value, onChange, problems, integer }: NumberFieldProps) {
  const t = useT();
  const locale = useLocale();
  const shown = value === undefined ? '' : formatNumber(value, locale).replace(/\s/g, '');
  const [text, setText] = useState(shown);
  // A value changed elsewhere (undo, conflict resolution) replaces what is shown.
  useEffect(() => {
    if (parseDecimal(text) !== (value ?? null)) setText(shown);
  }, [value]);
  const parsed = text.trim() === '' ? undefined : parseDecimal(text);
  const unreadable = parsed === null || (integer && parsed !== undefined && !Number.isInteger(parsed));
  const invalid = unreadable || Boolean(problems && problems.length > 0);
  return (
    <div class="field-label">
      <label for={id}>{label}</label>
      <input
        id={id}
        class="field number-field"
        type="text"
        inputMode="decimal"
        value={text}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={invalid ? `${id}-problem` : undefined}
        onInput={(e) => {
          const next = e.currentTarget.value;
          setText(next);
          const number = next.trim() === '' ? undefined : parseDecimal(next);
          if (number !== null) onChange(number);
        }}
      />
      {unreadable ? (
        <span id={`${id}-problem`} class="field-error problem">
          {t('reading.invalid')}
        </span>
      ) : (
        <FieldProblems id={`${id}-problem`} codes={problems} />
      )}
    </div>
  );
}

export function CheckboxField(props: { id: string; label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div class="checkbox-field">
      <input
        id={props.id}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      <label for={props.id}>{props.label}</label>
    </div>
  );
}
