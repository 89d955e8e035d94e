/**
 * `/sign-in`: email and password, the "shared device" choice, and every refusal in words
 * (wrong password, too many attempts with the wait, https needed, no network). A server
 * that has no organisation yet sends the user to `/setup`. After an expired session the
 * email is filled in and nothing on the device is touched; another person's unsynced
 * work on the device stops the sign-in until it is exported or discarded.
 */
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'preact/hooks';
import { formatDuration } from '../i18n/format.ts';
import { type Translate, useT } from '../i18n/index.ts';
import { getDataOwner, isSharedDevice, useAuth } from './account-store.ts';
import type { ApiFailure } from './auth-api.ts';
import { failureMessage } from './failure-message.ts';
import { Field } from './Field.tsx';
import type { SignInOutcome } from './sign-in-flow.ts';
import { SignInRefused } from './UnsyncedWorkPanel.tsx';
import './auth.css';

type Status =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'error'; message: string }
  | { kind: 'refused'; refusal: Extract<SignInOutcome, { ok: false }> };

function signInFailure(failure: ApiFailure, t: Translate): string {
  if (failure.status === 401) return t('signIn.wrong');
  if (failure.status === 429) {
    return failure.retryAfterMs === undefined
      ? t('signIn.tooManySoon')
      : t('signIn.tooMany', { wait: formatDuration(failure.retryAfterMs) });
  }
  if (failure.code === 'https_required') return t('signIn.https');
  return failureMessage(failure, t);
}

/**
 * The sign-in's network and device work (the schemas that check the server's answers come
 * with it) loads right after the first paint: on a new device this is the first screen,
 * and it shows without waiting for them.
 */
const loadSignIn = () =>
  Promise.all([import('./auth-api.ts'), import('./sign-in-flow.ts')]).then(([api, flow]) => ({
    authApi: api.authApi,
    completeSignIn: flow.completeSignIn,
  }));

/** Where to go after signing in: a path of this app only, never another site. */
const safeNext = (next: string | undefined) => (next?.startsWith('/') && !next.startsWith('//') ? next : '/');

export function SignInScreen({ next }: { next?: string | undefined }) {
  const t = useT();
  const navigate = useNavigate();
  const auth = useAuth();
  const [email, setEmail] = useState(auth.account?.email ?? '');
  const [password, setPassword] = useState('');
  const [shared, setShared] = useState(false);
  const [missing, setMissing] = useState<{ email?: boolean; password?: boolean }>({});
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  useEffect(() => {
    void isSharedDevice().then(setShared);
    void getDataOwner().then((owner) => owner && setEmail((typed) => typed || owner.email));
    void loadSignIn().then(async ({ authApi }) => {
      const state = await authApi.setupState();
      if (state.ok && state.value.setupNeeded) void navigate({ to: '/setup', replace: true });
    });
  }, []);

  if (auth.account && !auth.expired) {
    return (
      <article class="auth-screen">
        <h1>{t('signIn.title')}</h1>
        <p>{t('signIn.already', { name: auth.account.name })}</p>
        <Link to="/" class="button primary">
          {t('signIn.toProcedures')}
        </Link>
      </article>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    const gaps = { email: !email.trim(), password: !password };
    setMissing(gaps);
    if (gaps.email || gaps.password) return;
    setStatus({ kind: 'busy' });
    const { authApi, completeSignIn } = await loadSignIn();
    const result = await authApi.signIn({ email: email.trim(), password });
    if (!result.ok) return setStatus({ kind: 'error', message: signInFailure(result, t) });
    const outcome = await completeSignIn(result.value.account, { sharedDevice: shared });
    if (!outcome.ok) return setStatus({ kind: 'refused', refusal: outcome });
    void navigate({ href: safeNext(next), replace: true });
  };

  return (
    <article class="auth-screen">
      <h1>{t('signIn.title')}</h1>
      {auth.expired && <p class="warning">{t('signIn.expired')}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field
          label={t('auth.email')}
          type="email"
          value={email}
          onInput={setEmail}
          autoComplete="username"
          error={missing.email ? t('auth.required') : null}
        />
        <Field
          label={t('auth.password')}
          type="password"
          value={password}
          onInput={setPassword}
          autoComplete="current-password"
          error={missing.password ? t('auth.required') : null}
        />
        <label class="choice">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} />
          <span>{t('auth.sharedDevice')}</span>
        </label>
        {status.kind === 'error' && (
          <p role="alert" class="field-error">
            {status.message}
          </p>
        )}
        <button type="submit" class="button primary wide" disabled={status.kind === 'busy'}>
          {status.kind === 'busy' ? t('signIn.busy') : t('signIn.button')}
        </button>
      </form>
      {status.kind === 'refused' && <SignInRefused key={status.refusal.unsynced} refusal={status.refusal} />}
    </article>
  );
}
