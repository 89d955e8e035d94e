/**
 * `/setup`: the first start of a server with an empty database creates the organisation
 * and its owner, who is then signed in on this device. A server already set up says so
 * and points to the sign-in.
 */
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n/index.ts';
import { authApi } from './auth-api.ts';
import { failureMessage } from './failure-message.ts';
import { Field } from './Field.tsx';
import { PersonFieldset } from './PersonFieldset.tsx';
import { checkPerson, type FieldErrors, type PersonFields } from './person-checks.ts';
import { completeSignIn, type SignInOutcome } from './sign-in-flow.ts';
import { SignInRefused } from './UnsyncedWorkPanel.tsx';
import './auth.css';

type Fields = PersonFields & { orgName: string };
type Phase = 'checking' | 'form' | 'already' | 'busy' | { refused: Extract<SignInOutcome, { ok: false }> };

export function SetupScreen() {
  const t = useT();
  const navigate = useNavigate();
  const [phase, setPhase] = useState<Phase>('checking');
  const [fields, setFields] = useState<Fields>({ orgName: '', name: '', email: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors<keyof Fields>>({});
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    void authApi.setupState().then((state) => {
      if (state.ok && !state.value.setupNeeded) setPhase('already');
      else setPhase('form');
      if (!state.ok) setFailure(failureMessage(state, t));
    });
  }, []);

  const set = (key: keyof Fields) => (value: string) => setFields((f) => ({ ...f, [key]: value }));

  const submit = async (event: Event) => {
    event.preventDefault();
    const found: FieldErrors<keyof Fields> = checkPerson(fields, t);
    if (!fields.orgName.trim()) found.orgName = t('auth.required');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setPhase('busy');
    setFailure(null);
    const result = await authApi.setup({
      orgName: fields.orgName.trim(),
      name: fields.name.trim(),
      email: fields.email.trim(),
      password: fields.password,
    });
    if (!result.ok) {
      setPhase(result.code === 'already_set_up' ? 'already' : 'form');
      if (result.code !== 'already_set_up') setFailure(failureMessage(result, t));
      return;
    }
    const outcome = await completeSignIn(result.value.account);
    if (outcome.ok) void navigate({ to: '/', replace: true });
    else setPhase({ refused: outcome });
  };

  return (
    <article class="auth-screen">
      <h1>{t('setup.title')}</h1>
      {phase === 'checking' && <p role="status">{t('common.loading')}</p>}
      {typeof phase === 'object' && <SignInRefused refusal={phase.refused} />}
      {phase === 'already' && (
        <p role="status">
          {t('setup.already')}{' '}
          <Link to="/sign-in" search={{}}>
            {t('session.signIn')}
          </Link>
        </p>
      )}
      {(phase === 'form' || phase === 'busy') && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <p>{t('setup.intro')}</p>
          <Field
            label={t('auth.orgName')}
            type="text"
            value={fields.orgName}
            onInput={set('orgName')}
            autoComplete="organization"
            error={errors.orgName}
          />
          <PersonFieldset fields={fields} set={set} errors={errors} />
          {failure && (
            <p role="alert" class="field-error">
              {failure}
            </p>
          )}
          <button type="submit" class="button primary wide" disabled={phase === 'busy'}>
            {phase === 'busy' ? t('setup.busy') : t('setup.button')}
          </button>
        </form>
      )}
    </article>
  );
}
