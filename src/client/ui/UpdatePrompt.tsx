/** The service-worker notices: offline-ready, and the update prompt (held back during a run). */
import { useEffect, useState } from 'preact/hooks';
import { useRunInProgressOnPage } from '../app/page-state.ts';
import { applyUpdate, dismissUpdateNotice, getUpdateState, subscribeUpdateState } from '../app/sw-bridge.ts';
import { useT } from '../i18n/index.ts';

export function UpdatePrompt() {
  const t = useT();
  const runInProgress = useRunInProgressOnPage();
  const [state, setState] = useState(getUpdateState());
  useEffect(() => {
    setState(getUpdateState());
    return subscribeUpdateState(setState);
  }, []);
  if (state === 'none') return null;
  return (
    <div class="snackbar" role="status">
      {state === 'offline-ready' && (
        <>
          <span>{t('update.offlineReady')}</span>
          <button type="button" class="button secondary" onClick={dismissUpdateNotice}>
            {t('update.dismiss')}
          </button>
        </>
      )}
      {state === 'update-waiting' &&
        (runInProgress ? (
          <span>{t('update.afterRun')}</span>
        ) : (
          <button type="button" class="button primary" onClick={applyUpdate}>
            {t('update.available')}
          </button>
        ))}
    </div>
  );
}
