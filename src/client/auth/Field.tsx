/**
 * A labelled field of the account screens, its error tied to the input (aria-invalid,
 * aria-describedby) so a screen reader announces it with the field.
 */
import { useId } from 'preact/hooks';

interface FieldProps {
  label: string;
  type: 'email' | 'password' | 'text';
  value: string;
  onInput: (value: string) => void;
  autoComplete: string;
  error?: string | null | undefined;
  hint?: string;
}

export function Field({ label, type, value, onInput, autoComplete, error, hint }: FieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="field-label">
      <label for={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} class="hint">
          {' '}
          {hint}
        </span>
      )}
      <input
        id={id}
        class="field"
        // One element for the three kinds (preact types each kind apart; all take these props).
        type={type as 'text'}
        value={value}
        autoComplete={autoComplete}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      {error && (
        <span id={`${id}-error`} class="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
