/**
 * useLiveQuery: a component's view of a database query that re-renders when the data it
 * read changes (Dexie's liveQuery tracks the ranges each query touched). The result is
 * `undefined` until the first emission; `deps` restart the query like an effect's deps.
 */
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

export type LiveResult<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: unknown };

export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): LiveResult<T> {
  const [result, setResult] = useState<LiveResult<T>>({ status: 'loading' });
  // The caller's deps decide when the query restarts (like an effect's), not `query`'s identity.
  useEffect(() => {
    setResult({ status: 'loading' });
    const subscription = liveQuery(query).subscribe({
      next: (value) => setResult({ status: 'ready', value }),
      error: (error: unknown) => setResult({ status: 'error', error }),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return result;
}

/** The value of a live query, or `undefined` while loading or after an error. */
export function liveValue<T>(result: LiveResult<T>): T | undefined {
  return result.status === 'ready' ? result.value : undefined;
}
