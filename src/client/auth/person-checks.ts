/**
 * The checks the server makes of a new person's name, email and password (the shared
 * schemas: a form never sends what the server would refuse).
 */
import * as z from 'zod/mini';
import { Email, PASSWORD_MIN, Password, PersonName } from '../../shared/auth.ts';
import type { Translate } from '../i18n/index.ts';
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
