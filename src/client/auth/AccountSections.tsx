/**
 * Parts of `/account` that need the server: the person's signed-in devices (each can be
 * signed out from here) and the password change, which signs out every other device.
 */
import { useEffect, useState } from 'preact/hooks';
import { PASSWORD_MIN, Password, type SessionInfo } from '../../shared/auth.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { authApi } from './auth-api.ts';
import { failureMessage } from './failure-message.ts';
import { Field } from './Field.tsx';

type Sessions =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; items: SessionInfo[] };

export function SessionsSection({ reloadKey }: { reloadKey: number }) {
  const t = useT();
  const locale = useLocale();
  const [sessions, setSessions] = useState<Sessions>({ status: 'loading' });
  const [note, setNote] = useState<string | null>(null);
  const load = async () => {
    const result = await authApi.sessions();
    const offline = !result.ok && (result.reason === 'offline' || result.reason === 'timeout');
    if (result.ok) setSessions({ status: 'ready', items: result.value.sessions });
    else setSessions({ status: 'failed', message: offline ? t('account.sessionsOffline') : failureMessage(result, t) });
  };
  useEffect(() => {
    void load();
  }, [reloadKey]);

  const revoke = async (id: string) => {
    const result = await authApi.revokeSession(id);
    setNote(result.ok ? t('account.revoked') : failureMessage(result, t));
    await load();
  };

  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('account.sessions')}</h2>
      {sessions.status === 'loading' && <p role="status">{t('common.loading')}</p>}
      {sessions.status === 'failed' && <p class="warning">{sessions.message}</p>}
      {sessions.status === 'ready' && (
        <ul class="cards">
          {sessions.items.map((session) => {
            const seen = formatDateTime(session.lastSeenAt, locale);
            return (
              <li class="card" key={session.id}>
                <span class="item-title">
                  <strong>{session.userAgent ?? t('account.unknownBrowser')}</strong>
                  {session.current && <span class="tag">{t('account.thisDevice')}</span>}
                  <br />
                  <span class="meta">
                    {t('account.sessionTimes', { created: formatDateTime(session.createdAt, locale), seen })}
                  </span>
                </span>
                {!session.current && (
                  <button
                    type="button"
                    class="button small"
                    aria-label={t('account.revokeLabel', { seen })}
                    onClick={() => void revoke(session.id)}
                  >
                    {t('account.revoke')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {note && <p role="status">{note}</p>}
    </section>
  );
}

/** Changing the password signs out every other session; `onChanged` reloads the list. */
export function PasswordSection({ onChanged }: { onChanged: () => void }) {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const short = !Password.safeParse(next).success;
    setTooShort(short);
    if (short) return;
    setBusy(true);
    const result = await authApi.changePassword({ currentPassword: current, newPassword: next });
    setBusy(false);
    if (result.ok) {
      setCurrent('');
      setNext('');
      setMessage({ ok: true, text: t('account.passwordChanged') });
      onChanged();
    } else {
      const wrong = result.status === 401 && result.code === 'invalid_credentials';
      setMessage({ ok: false, text: wrong ? t('account.passwordWrong') : failureMessage(result, t) });
    }
  };

  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{t('account.password')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field
          label={t('account.currentPassword')}
          type="password"
          value={current}
          onInput={setCurrent}
          autoComplete="current-password"
        />
        <Field
          label={t('account.newPassword')}
          type="password"
          value={next}
          onInput={setNext}
          autoComplete="new-password"
          hint={t('auth.passwordHint', { n: PASSWORD_MIN })}
          error={tooShort ? t('auth.passwordShort', { n: PASSWORD_MIN }) : null}
        />
        {message && (
          <p role={message.ok ? 'status' : 'alert'} class={message.ok ? undefined : 'field-error'}>
            {message.text}
          </p>
        )}
        <button type="submit" class="button primary" disabled={busy}>
          {t('account.passwordButton')}
        </button>
      </form>
    </section>
  );
}
