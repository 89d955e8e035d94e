/**
 * Locale and translation. The locale is the saved choice, else the browser's language
 * (fr* → French, anything else → English). `<html lang>` follows the locale so screen
 * readers pronounce the page in the right language.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '../../shared/sop.ts';
import { getMeta, setMeta } from '../db/meta.ts';
import { en, type MessageKey, type Messages } from './en.ts';
import { fr } from './fr.ts';

export type { MessageKey } from './en.ts';

const dictionaries: Record<Locale, Messages> = { en, fr };
type Listener = (locale: Locale) => void;
const listeners = new Set<Listener>();
let current: Locale = 'en';

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

/** The locale a browser language implies. */
export function localeFromLanguage(language: string | undefined): Locale {
  return language?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const text = dictionaries[locale][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

export function getLocale(): Locale {
  return current;
}

/** Sets the page's locale now (no storage), e.g. at start-up or in tests. */
export function applyLocale(locale: Locale): void {
  current = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  for (const listener of listeners) listener(locale);
}

/** The saved locale, else the browser's; applied to the page. */
export async function loadLocale(): Promise<Locale> {
  const saved = await getMeta<Locale>('locale');
  const locale = saved === 'en' || saved === 'fr' ? saved : localeFromLanguage(navigator.language);
  applyLocale(locale);
  return locale;
}

/** The user's choice: applied at once and remembered on this device. */
export async function chooseLocale(locale: Locale): Promise<void> {
  applyLocale(locale);
  await setMeta('locale', locale);
}

export function useLocale(): Locale {
  const [locale, setLocale] = useState(current);
  useEffect(() => {
    setLocale(current);
    listeners.add(setLocale);
    return () => {
      listeners.delete(setLocale);
    };
  }, []);
  return locale;
}

/** The translate function of the current locale; re-renders when the locale changes. */
export function useT(): Translate {
  const locale = useLocale();
  return (key, params) => translate(locale, key, params);
}
