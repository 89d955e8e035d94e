/**
 * What stands between a person and leaving a device (or another person taking it): work
 * that has not reached the server. Shown with the reason, and the two explicit exits —
 * export it to a file, or discard it after a confirmation.
 */
import { Link } from '@tanstack/react-router';
import { useState } from 'preact/hooks';
import { useT } from '../i18n/index.ts';
import type { SignInOutcome } from './sign-in-flow.ts';

interface Props {
  message: string;
  unsynced: number;
  /** The work is exported (with the note to show) or discarded (null): the caller may go on. */
  onResolved: (note: string | null) => void;
}

export function UnsyncedWorkPanel({ message, unsynced, onResolved }: Props) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  // The export code loads when asked for: the sign-in screen that holds this panel is a
  // new device's first screen and must stay small.
  const deviceData = () => import('../sync/device-data.ts');
  const exportNow = async () => {
    const { file, items } = await (await deviceData()).exportPendingData();
    onResolved(t('sync.exported', { n: items, file }));
  };
  const discard = async () => {
    await (await deviceData()).discardUnsynced();
    onResolved(null);
  };
  return (
    <div role="alert" class="warning unsynced-work">
      <p>{message}</p>
      <div class="control-row">
        <button type="button" class="button secondary" onClick={() => void exportNow()}>
          {t('sync.export')}
        </button>
        <button type="button" class="button danger" onClick={() => setConfirming(true)}>
          {t('unsynced.discard')}
        </button>
      </div>
      {confirming && (
        <div role="alertdialog" aria-labelledby="discard-confirm">
          <p id="discard-confirm">{t('unsynced.discardConfirm', { n: unsynced })}</p>
          <button type="button" class="button danger" onClick={() => void discard()}>
            {t('unsynced.discardConfirmButton')}
          </button>
          <button type="button" class="button secondary" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
    </div>
  );
}

/** Another person's unsynced work stopped a sign-in: explain it, offer the exits, then the sign-in. */
export function SignInRefused({ refusal }: { refusal: Extract<SignInOutcome, { ok: false }> }) {
  const t = useT();
  const [resolved, setResolved] = useState<{ note: string | null } | null>(null);
  const { owner, unsynced } = refusal;
  if (resolved) {
    return (
      <p role="status">
        {resolved.note} {t('signIn.canRetry')}{' '}
        <Link to="/sign-in" search={{}}>
          {t('session.signIn')}
        </Link>
      </p>
    );
  }
  const message = owner
    ? t('signIn.otherPerson', { n: unsynced, name: owner.name, email: owner.email })
    : t('signIn.otherPersonUnknown', { n: unsynced });
  return <UnsyncedWorkPanel message={message} unsynced={unsynced} onResolved={(note) => setResolved({ note })} />;
}
