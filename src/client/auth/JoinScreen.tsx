/**
 * `/join/$token`: the page an invite link (or its QR code) opens. It shows which
 * organisation and role the invite is for, then asks for a name, an email and a password;
 * accepting creates the account, starts the person's onboarding clock and signs them in
 * on this device. An invite that is unknown, expired, used or revoked is said in words.
 */
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'preact/hooks';
import type { InvitePreview } from '../../shared/auth.ts';
import { formatDateTime } from '../i18n/format.ts';
import { type MessageKey, type Translate, useLocale, useT } from '../i18n/index.ts';
import { useAuth } from './account-store.ts';
import { type ApiFailure, authApi } from './auth-api.ts';
import { failureMessage } from './failure-message.ts';
import { PersonFieldset } from './PersonFieldset.tsx';
import { checkPerson, type FieldErrors, type PersonFields } from './person-checks.ts';
import { completeSignIn, type SignInOutcome } from './sign-in-flow.ts';
import { SignInRefused } from './UnsyncedWorkPanel.tsx';
import './auth.css';

const INVITE_REFUSALS: Record<string, MessageKey> = {
  not_found: 'join.notFound',
  invite_expired: 'join.expired',
  invite_used: 'join.used',
  invite_revoked: 'join.revoked',
  email_taken: 'join.emailTaken',
};

function inviteFailure(failure: ApiFailure, t: Translate): string {
  const key = failure.code ? INVITE_REFUSALS[failure.code] : undefined;
  if (key) return t(key);
  return failure.status === 404 ? t('join.notFound') : failureMessage(failure, t);
}

type Phase =
  | { kind: 'loading' }
  | { kind: 'closed'; message: string }
  | { kind: 'form'; preview: InvitePreview; busy: boolean; message: string | null }
  | { kind: 'refused'; refusal: Extract<SignInOutcome, { ok: false }> };

export function JoinScreen({ token }: { token: string }) {
  const t = useT();
  const locale = useLocale();
  const navigate = useNavigate();
  const auth = useAuth();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [fields, setFields] = useState<PersonFields>({ name: '', email: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors<keyof PersonFields>>({});

  useEffect(() => {
    void authApi.invitePreview(token).then((result) => {
      if (result.ok) setPhase({ kind: 'form', preview: result.value, busy: false, message: null });
      else setPhase({ kind: 'closed', message: inviteFailure(result, t) });
    });
  }, [token]);

  const set = (key: keyof PersonFields) => (value: string) => setFields((f) => ({ ...f, [key]: value }));

  if (phase.kind === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (phase.kind === 'refused') return <SignInRefused refusal={phase.refusal} />;
  if (phase.kind === 'closed') {
    return (
      <article class="auth-screen">
        <h1>{t('join.heading')}</h1>
        <p role="alert" class="warning">
          {phase.message}
        </p>
        <Link to="/sign-in" search={{}}>
          {t('session.signIn')}
        </Link>
      </article>
    );
  }

  const { preview } = phase;
  const submit = async (event: Event) => {
    event.preventDefault();
    const found = checkPerson(fields, t);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setPhase({ ...phase, busy: true, message: null });
    const body = { name: fields.name.trim(), email: fields.email.trim(), password: fields.password };
    const result = await authApi.acceptInvite(token, body);
    if (!result.ok) {
      const message = inviteFailure(result, t);
      // Only an email already taken leaves the invite usable: the others close the page.
      if (result.code === 'email_taken' || result.status === 400 || !result.status) {
        setPhase({ ...phase, busy: false, message });
      } else {
        setPhase({ kind: 'closed', message });
      }
      return;
    }
    const outcome = await completeSignIn(result.value.account);
    if (outcome.ok) void navigate({ to: '/', replace: true });
    else setPhase({ kind: 'refused', refusal: outcome });
  };

  return (
    <article class="auth-screen">
      <h1>{t('join.title', { org: preview.orgName })}</h1>
      <p>
        {t('join.invited', {
          role: t(`role.${preview.role}`).toLocaleLowerCase(locale),
          date: formatDateTime(preview.expiresAt, locale),
        })}
      </p>
      {auth.account && !auth.expired && <p class="warning">{t('join.signedIn', { name: auth.account.name })}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <PersonFieldset fields={fields} set={set} errors={errors} />
        {phase.message && (
          <p role="alert" class="field-error">
            {phase.message}
          </p>
        )}
        <button type="submit" class="button primary wide" disabled={phase.busy}>
          {phase.busy ? t('join.busy') : t('join.button')}
        </button>
      </form>
    </article>
  );
}
