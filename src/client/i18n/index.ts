/**
 * Locale and translation. The locale is the saved choice, else the browser's language
 * (fr* → French, anything else → English). `<html lang>` follows the locale so screen
 * readers pronounce the page in the right language.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '../../shared/sop.ts';
import { getMeta, setMeta } from '../db/meta.ts';
import type { MessageKey, Messages } from './en.ts';

export type { MessageKey } from './en.ts';

// One dictionary per locale, each its own chunk: a phone downloads only the language it
// shows (the strings of both would be a sixth of the first screen's JavaScript).
const loaders: Record<Locale, () => Promise<Messages>> = {
  en: () => import('./en.ts').then((m) => m.en),
  fr: () => import('./fr.ts').then((m) => m.fr),
};
const dictionaries: Partial<Record<Locale, Messages>> = {};

/** Fetches a locale's dictionary (once); applyLocale needs it loaded. */
export async function loadDictionary(locale: Locale): Promise<void> {
  dictionaries[locale] ??= await loaders[locale]();
}
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
  // Until its dictionary has arrived (only ever before the first paint), the key stands in.
  const text = dictionaries[locale]?.[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

export function getLocale(): Locale {
  return current;
}

/** Sets the page's locale now (no storage); its dictionary must have been loaded. */
export function applyLocale(locale: Locale): void {
  current = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  for (const listener of listeners) listener(locale);
}

/** The saved locale, else the browser's; applied to the page. */
export async function loadLocale(): Promise<Locale> {
  const saved = await getMeta<Locale>('locale');
  const locale = saved === 'en' || saved === 'fr' ? saved : localeFromLanguage(navigator.language);
  await loadDictionary(locale);
  applyLocale(locale);
  return locale;
}

/** The user's choice: applied at once and remembered on this device. */
export async function chooseLocale(locale: Locale): Promise<void> {
  await loadDictionary(locale);
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
