/**
 * Loads a screen's data from the accounts API and says in words why it could not: no
 * network, or the server's refusal. `reload` fetches again after a change.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ApiResult } from '../auth/auth-api.ts';
import { failureMessage } from '../auth/failure-message.ts';
import { useT } from '../i18n/index.ts';

export type Loaded<T> = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; value: T };

export function useApiData<T>(load: () => Promise<ApiResult<T>>): [Loaded<T>, () => Promise<void>] {
  const t = useT();
  const [loaded, setLoaded] = useState<Loaded<T>>({ status: 'loading' });
  const reload = async () => {
    const result = await load();
    if (result.ok) setLoaded({ status: 'ready', value: result.value });
    else {
      const offline = result.reason === 'offline' || result.reason === 'timeout';
      setLoaded({ status: 'failed', message: offline ? t('team.offline') : failureMessage(result, t) });
    }
  };
  useEffect(() => {
    void reload();
  }, []);
  return [loaded, reload];
}
