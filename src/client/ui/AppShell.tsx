/**
 * The frame of every screen: header (name, sync badge, language), the navigation of the
 * signed-in person's role, the notices (update, expired session, clock), the page.
 *
 * Access is decided here, from the cached account (so it works offline) and each route's
 * `staticData`: without an account, every screen but the public ones (sign-in, setup,
 * join) sends to the sign-in, which brings the person back afterwards; a screen for other
 * roles says so instead of showing itself. The server checks every request anyway.
 */
import { Link, Navigate, Outlet, useMatches, useRouter } from '@tanstack/react-router';
import type { Role } from '../../shared/auth.ts';
import { useAuth } from '../auth/account-store.ts';
import { useT } from '../i18n/index.ts';
import { ClockBanner } from './ClockBanner.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { UpdatePrompt } from './UpdatePrompt.tsx';

const mayAuthor = (role: Role) => role === 'owner' || role === 'author';

function RoleNav({ role }: { role: Role }) {
  const t = useT();
  return (
    <nav class="app-nav" aria-label={t('nav.main')}>
      <Link to="/" activeOptions={{ exact: true }}>
        {t('nav.procedures')}
      </Link>
      {mayAuthor(role) && (
        <>
          <Link to="/library">{t('nav.library')}</Link>
          <Link to="/analytics">{t('nav.analytics')}</Link>
        </>
      )}
      {role === 'owner' && (
        <>
          <Link to="/members">{t('nav.members')}</Link>
          <Link to="/invites">{t('nav.invites')}</Link>
          <Link to="/audit">{t('nav.audit')}</Link>
        </>
      )}
      <Link to="/account">{t('nav.account')}</Link>
    </nav>
  );
}

/** The session ended (expired, revoked): the device keeps working, sync waits for a sign-in. */
function SessionBanner() {
  const t = useT();
  return (
    <p class="warning session-banner" role="status">
      {t('session.expired')} {t('session.kept')}{' '}
      <Link to="/sign-in" search={{}}>
        {t('session.signIn')}
      </Link>
    </p>
  );
}

function NotAllowed({ roles }: { roles: readonly Role[] }) {
  const t = useT();
  return (
    <article>
      <h1>{t('auth.notAllowedTitle')}</h1>
      <p role="alert" class="warning">
        {roles.includes('author') ? t('auth.notAllowed.author') : t('auth.notAllowed.owner')}
      </p>
      <Link to="/">{t('common.back')}</Link>
    </article>
  );
}

function Page() {
  const auth = useAuth();
  const router = useRouter();
  const leaf = useMatches({ select: (matches) => matches.at(-1) });
  const access = leaf?.staticData;
  if (access?.public) return <Outlet />;
  // Read before the first paint in the app; only a test renders before it is known.
  if (!auth.loaded) return null;
  if (!auth.account) {
    // Back to the screen shown (the leaf match: during a navigation `location` is already the next one).
    const href = leaf ? `${leaf.pathname}${router.options.stringifySearch(leaf.search)}` : '/';
    return <Navigate to="/sign-in" search={href === '/' ? {} : { next: href }} replace />;
  }
  if (access?.roles && !access.roles.includes(auth.account.role)) return <NotAllowed roles={access.roles} />;
  return <Outlet />;
}

export function AppShell() {
  const t = useT();
  const { account, expired } = useAuth();
  const onPublicPage = useMatches({ select: (matches) => matches.at(-1)?.staticData.public === true });
  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header class="app-header">
        <Link to="/" class="app-name">
          {t('app.name')}
        </Link>
        {account && <StatusBadge />}
        <LanguageSwitch />
      </header>
      {account && <RoleNav role={account.role} />}
      {/* In the flow, not floating: a notice must never cover a run's controls. */}
      <UpdatePrompt />
      {expired && !onPublicPage && <SessionBanner />}
      <ClockBanner />
      <main id="main" tabIndex={-1}>
        <Page />
      </main>
    </>
  );
}
