/**
 * The header every state-changing request (anything but GET/HEAD) carries: a cross-site
 * form or image cannot set a custom header, so the server refuses requests without it.
 */
import { CSRF_HEADER, CSRF_VALUE } from '../../shared/csrf.ts';

export const CSRF_HEADERS: Readonly<Record<string, string>> = { [CSRF_HEADER]: CSRF_VALUE };

/** The CSRF header when `method` changes state, else nothing. */
export function csrfFor(method: string | undefined): Record<string, string> {
  const m = (method ?? 'GET').toUpperCase();
  return m === 'GET' || m === 'HEAD' ? {} : { ...CSRF_HEADERS };
}
