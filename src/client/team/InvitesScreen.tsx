/**
 * `/invites` (owners): invite a new hire for a role. The server answers with the link,
 * the only time it exists in clear: it is shown with a copy button and as a QR code the
 * new hire scans with their phone. Below, every invite with its status; pending ones can
 * be revoked (their link stops working at once).
 */
import { useState } from 'preact/hooks';
import { type CreatedInvite, INVITE_DAYS, type Invite, ROLES, type Role } from '../../shared/auth.ts';
import { authApi } from '../auth/auth-api.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { InviteQr } from './InviteQr.tsx';
import { useApiData } from './use-api.ts';
import './team.css';

function NewInvite({ created }: { created: CreatedInvite }) {
  const t = useT();
  const locale = useLocale();
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    const done = await navigator.clipboard?.writeText(created.url).then(
      () => true,
      () => false,
    );
    setCopied(done === true);
  };
  return (
    <section class="new-invite" aria-labelledby="new-invite-title">
      <h2 id="new-invite-title">{t('invites.link')}</h2>
      <p>
        {t('invites.created', {
          role: t(`role.${created.invite.role}`).toLocaleLowerCase(locale),
          days: INVITE_DAYS,
        })}
      </p>
      <label class="field-label">
        {t('invites.link')}
        <input class="field" type="url" readOnly value={created.url} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button type="button" class="button primary" onClick={() => void copy()}>
        {t('invites.copy')}
      </button>
      {copied !== null && <p role="status">{copied ? t('invites.copied') : t('invites.copyFailed')}</p>}
      <InviteQr text={created.url} label={t('invites.qr')} />
    </section>
  );
}

function InviteRow({ invite, onRevoke }: { invite: Invite; onRevoke: () => void }) {
  const t = useT();
  const locale = useLocale();
  const created = formatDateTime(invite.createdAt, locale);
  return (
    <li class="card">
      <span class="item-title">
        <strong>{t(`role.${invite.role}`)}</strong>{' '}
        <span class={`tag tag-invite-${invite.status}`}>{t(`invites.status.${invite.status}`)}</span>
        <br />
        <span class="meta">{t('invites.line', { created, expires: formatDateTime(invite.expiresAt, locale) })}</span>
      </span>
      {invite.status === 'pending' && (
        <button
          type="button"
          class="button small danger"
          aria-label={t('invites.revokeLabel', { role: t(`role.${invite.role}`), created })}
          onClick={onRevoke}
        >
          {t('invites.revoke')}
        </button>
      )}
    </li>
  );
}

export function InvitesScreen() {
  const t = useT();
  const [invites, reload] = useApiData(authApi.invites);
  const [role, setRole] = useState<Role>('technician');
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const create = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const result = await authApi.createInvite({ role });
    setBusy(false);
    setCreated(result.ok ? result.value : null);
    setMessage(result.ok ? null : { ok: false, text: t('invites.failed') });
    if (result.ok) await reload();
  };
  const revoke = async (id: string) => {
    const result = await authApi.revokeInvite(id);
    setMessage(result.ok ? { ok: true, text: t('invites.revoked') } : { ok: false, text: t('invites.failed') });
    if (result.ok && created?.invite.id === id) setCreated(null);
    await reload();
  };

  return (
    <article class="team">
      <h1>{t('invites.title')}</h1>
      <form class="invite-form" onSubmit={(e) => void create(e)}>
        <h2>{t('invites.new')}</h2>
        <label class="field-label">
          {t('invites.role')}
          <select class="field" value={role} onInput={(e) => setRole(e.currentTarget.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="button primary" disabled={busy}>
          {t('invites.create')}
        </button>
      </form>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} class={message.ok ? undefined : 'warning'}>
          {message.text}
        </p>
      )}
      {created && <NewInvite key={created.invite.id} created={created} />}
      <h2>{t('invites.list')}</h2>
      {invites.status === 'loading' && <p role="status">{t('common.loading')}</p>}
      {invites.status === 'failed' && <p class="warning">{invites.message}</p>}
      {invites.status === 'ready' && invites.value.invites.length === 0 && <p>{t('invites.none')}</p>}
      {invites.status === 'ready' && invites.value.invites.length > 0 && (
        <ul class="cards" aria-label={t('invites.list')}>
          {invites.value.invites.map((invite) => (
            <InviteRow key={invite.id} invite={invite} onRevoke={() => void revoke(invite.id)} />
          ))}
        </ul>
      )}
    </article>
  );
}
