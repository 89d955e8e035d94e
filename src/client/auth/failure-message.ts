/** The words for a failed accounts call that no screen explains better. */
import type { Translate } from '../i18n/index.ts';
import type { ApiFailure } from './auth-api.ts';

/** The words for a failed accounts call that no screen explains better. */
export function failureMessage(failure: ApiFailure, t: Translate): string {
  if (failure.reason === 'offline' || failure.reason === 'timeout') return t('auth.offline');
  if (failure.status === 401) return t('session.expired');
  if (failure.status === 403) return t('auth.forbidden');
  if (failure.status === 400) return t('auth.invalid');
  return t('auth.error');
}
