/**
 * Form parts of the account screens: a labelled field whose error is tied to the input
 * (aria-invalid, aria-describedby), the checks the server makes (the shared schemas, so a
 * form never sends what the server would refuse), and the words for a failed call.
 */
import { useId } from 'preact/hooks';
import * as z from 'zod/mini';
import { Email, PASSWORD_MIN, Password, PersonName } from '../../shared/auth.ts';
import type { Translate } from '../i18n/index.ts';
import type { ApiFailure } from './auth-api.ts';

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

export interface PersonFields {
  name: string;
  email: string;
  password: string;
}

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

/** The server's checks of a new person's name, email and password, in words. */
export function checkPerson(fields: PersonFields, t: Translate): FieldErrors<keyof PersonFields> {
  const errors: FieldErrors<keyof PersonFields> = {};
  if (!z.safeParse(PersonName, fields.name.trim()).success) errors.name = t('auth.required');
  if (!z.safeParse(Email, fields.email.trim()).success) errors.email = t('auth.emailInvalid');
  if (!z.safeParse(Password, fields.password).success) errors.password = t('auth.passwordShort', { n: PASSWORD_MIN });
  return errors;
}

/** The words for a failed accounts call that no screen explains better. */
export function failureMessage(failure: ApiFailure, t: Translate): string {
  if (failure.reason === 'offline' || failure.reason === 'timeout') return t('auth.offline');
  if (failure.status === 401) return t('session.expired');
  if (failure.status === 403) return t('auth.forbidden');
  if (failure.status === 400) return t('auth.invalid');
  return t('auth.error');
}
