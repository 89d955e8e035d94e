/**
 * `/members` (owners): everyone in the organisation with their role and start date. The
 * role is changed in place; the server keeps at least one owner and says so (409
 * last_owner), and the list then shows the role the server kept.
 */
import { useState } from 'preact/hooks';
import { type Member, ROLES, type Role } from '../../shared/auth.ts';
import { refreshCachedAccount, useAuth } from '../auth/account-store.ts';
import { authApi } from '../auth/auth-api.ts';
import { formatCalendarDate } from '../i18n/format.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { useApiData } from './use-api.ts';
import './team.css';

function MemberRow({ member, isMe, onChange }: { member: Member; isMe: boolean; onChange: (role: Role) => void }) {
  const t = useT();
  const locale = useLocale();
  const id = `role-${member.id}`;
  return (
    <li class="card member">
      <span class="item-title">
        <strong>{member.name}</strong> {isMe && t('members.you')}
        <br />
        <span class="meta">
          {member.email} · {t('members.since', { date: formatCalendarDate(member.startDate, locale) })}
        </span>
      </span>
      <label class="visually-hidden" for={id}>
        {t('members.roleOf', { name: member.name })}
      </label>
      <select
        id={id}
        class="field member-role"
        value={member.role}
        onInput={(e) => onChange(e.currentTarget.value as Role)}
      >
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`role.${role}`)}
          </option>
        ))}
      </select>
    </li>
  );
}

export function MembersScreen() {
  const t = useT();
  const locale = useLocale();
  const { account } = useAuth();
  const [members, reload] = useApiData(authApi.members);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const change = async (member: Member, role: Role) => {
    const result = await authApi.changeRole(member.id, role);
    if (result.ok) {
      // Their own role: the navigation follows at once.
      if (member.id === account?.id) await refreshCachedAccount({ ...account, role: result.value.role });
      const roleName = t(`role.${result.value.role}`).toLocaleLowerCase(locale);
      setMessage({ ok: true, text: t('members.changed', { name: result.value.name, role: roleName }) });
    } else {
      setMessage({ ok: false, text: result.code === 'last_owner' ? t('members.lastOwner') : t('members.failed') });
    }
    // The list shows what the server holds, also after a refusal.
    await reload();
  };

  return (
    <article class="team">
      <h1>{t('members.title')}</h1>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} class={message.ok ? undefined : 'warning'}>
          {message.text}
        </p>
      )}
      {members.status === 'loading' && <p role="status">{t('common.loading')}</p>}
      {members.status === 'failed' && <p class="warning">{members.message}</p>}
      {members.status === 'ready' && (
        <ul class="cards" aria-label={t('members.title')}>
          {members.value.members.map((member) => (
            <MemberRow
              key={`${member.id}-${member.role}`}
              member={member}
              isMe={member.id === account?.id}
              onChange={(role) => void change(member, role)}
            />
          ))}
        </ul>
      )}
    </article>
  );
}
