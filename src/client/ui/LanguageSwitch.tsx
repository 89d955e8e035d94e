/** Français / English, each named in its own language; the choice is remembered. */
import type { Locale } from '../../shared/sop.ts';
import { chooseLocale, useLocale, useT } from '../i18n/index.ts';

const LANGUAGES: { locale: Locale; name: string }[] = [
  { locale: 'fr', name: 'Français' },
  { locale: 'en', name: 'English' },
];

export function LanguageSwitch() {
  const t = useT();
  const current = useLocale();
  return (
    <fieldset class="language-switch">
      <legend class="visually-hidden">{t('nav.language')}</legend>
      {LANGUAGES.map(({ locale, name }) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          class="button small"
          aria-pressed={current === locale}
          onClick={() => void chooseLocale(locale)}
        >
          {name}
        </button>
      ))}
    </fieldset>
  );
}
