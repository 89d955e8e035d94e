/**
 * `/account`: who is signed in (name, role, organisation), the signed-in devices, the
 * password change, the "shared device" choice, and signing out — refused while work has
 * not reached the server, until the person exports or discards it.
 */
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n/index.ts';
import { isSharedDevice, setSharedDevice, useAuth } from './account-store.ts';
import { PasswordSection, SessionsSection } from './AccountSections.tsx';
import { signOut } from './sign-out-flow.ts';
import { UnsyncedWorkPanel } from './UnsyncedWorkPanel.tsx';
import './auth.css';

type SignOutState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'refused'; unsynced: number }
  | { kind: 'resolved'; note: string | null };

function SignOutSection() {
  const t = useT();
  const navigate = useNavigate();
  const [shared, setShared] = useState(false);
  const [state, setState] = useState<SignOutState>({ kind: 'idle' });
  useEffect(() => {
    void isSharedDevice().then(setShared);
  }, []);

  const choose = (value: boolean) => {
    setShared(value);
    void setSharedDevice(value);
  };
  const leave = async () => {
    setState({ kind: 'busy' });
    const outcome = await signOut();
    if (!outcome.ok) return setState({ kind: 'refused', unsynced: outcome.unsynced });
    void navigate({ to: '/sign-in', search: {}, replace: true });
  };

  return (
    <section aria-labelledby="sign-out-title">
      <h2 id="sign-out-title">{t('account.signOut')}</h2>
      <label class="choice">
        <input type="checkbox" checked={shared} onChange={(e) => choose(e.currentTarget.checked)} />
        <span>{t('auth.sharedDevice')}</span>
      </label>
      {shared && <p class="hint">{t('account.sharedNote')}</p>}
      {state.kind === 'refused' && (
        <UnsyncedWorkPanel
          message={t('account.signOutRefused', { n: state.unsynced })}
          unsynced={state.unsynced}
          onResolved={(note) => setState({ kind: 'resolved', note })}
        />
      )}
      {state.kind === 'resolved' && (
        <p role="status">
          {state.note} {t('account.readyToSignOut')}
        </p>
      )}
      {state.kind === 'busy' && <p role="status">{t('account.signingOut')}</p>}
      <button type="button" class="button danger" disabled={state.kind === 'busy'} onClick={() => void leave()}>
        {t('account.signOut')}
      </button>
    </section>
  );
}

export function AccountScreen() {
  const t = useT();
  const { account } = useAuth();
  const [reloadKey, setReloadKey] = useState(0);
  if (!account) return null;
  return (
    <article class="auth-screen account">
      <h1>{t('account.title')}</h1>
      <p>
        <strong>{account.name}</strong> · {account.email}
      </p>
      <p>{t('account.role', { role: t(`role.${account.role}`) })}</p>
      <p>{t('account.org', { org: account.orgName })}</p>
      <SessionsSection reloadKey={reloadKey} />
      <PasswordSection onChanged={() => setReloadKey((k) => k + 1)} />
      <SignOutSection />
    </article>
  );
}
