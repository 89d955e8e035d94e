/**
 * Loads data for a screen and re-loads when its key changes; answers to an older key are
 * ignored. While a new key loads, the last data stays on screen (a filter change must not
 * blank the report).
 */
import { useEffect, useState } from 'preact/hooks';
import { AnalyticsError } from './api.ts';

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'error'; error: AnalyticsError }
  | { status: 'ready'; data: T };

export function useResource<T>(load: () => Promise<T>, key: string): Resource<T> {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' });
  // `key` names everything `load` depends on, so the effect re-runs on the key only.
  useEffect(() => {
    let current = true;
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    load().then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) =>
        current &&
        setState({ status: 'error', error: error instanceof AnalyticsError ? error : new AnalyticsError('invalid') }),
    );
    return () => {
      current = false;
    };
  }, [key]);
  return state;
}
