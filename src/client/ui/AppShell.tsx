/** The frame of every screen: header (name, sync badge, language), the page, the update prompt. */
import { Link, Outlet } from '@tanstack/react-router';
import { useT } from '../i18n/index.ts';
import { ClockBanner } from './ClockBanner.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { UpdatePrompt } from './UpdatePrompt.tsx';

export function AppShell() {
  const t = useT();
  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header class="app-header">
        <Link to="/" class="app-name">
          {t('app.name')}
        </Link>
        <Link to="/library" class="status-link">
          {t('nav.library')}
        </Link>
        <Link to="/analytics" class="status-link">
          {t('nav.analytics')}
        </Link>
        <StatusBadge />
        <LanguageSwitch />
      </header>
      {/* In the flow, not floating: a notice must never cover a run's controls. */}
      <UpdatePrompt />
      <ClockBanner />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
