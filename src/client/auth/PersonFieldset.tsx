/** The name, email and new-password fields of a new account (first-start setup, joining by invite). */
import { PASSWORD_MIN } from '../../shared/auth.ts';
import { useT } from '../i18n/index.ts';
import { Field } from './Field.tsx';
import type { FieldErrors, PersonFields } from './person-checks.ts';

interface PersonFieldsetProps {
  fields: PersonFields;
  set: (key: keyof PersonFields) => (value: string) => void;
  errors: FieldErrors<keyof PersonFields>;
}

export function PersonFieldset({ fields, set, errors }: PersonFieldsetProps) {
  const t = useT();
  return (
    <>
      <Field
        label={t('auth.name')}
        type="text"
        value={fields.name}
        onInput={set('name')}
        autoComplete="name"
        error={errors.name}
      />
      <Field
        label={t('auth.email')}
        type="email"
        value={fields.email}
        onInput={set('email')}
        autoComplete="username"
        error={errors.email}
      />
      <Field
        label={t('auth.password')}
        type="password"
        value={fields.password}
        onInput={set('password')}
        autoComplete="new-password"
        hint={t('auth.passwordHint', { n: PASSWORD_MIN })}
        error={errors.password}
      />
    </>
  );
}
