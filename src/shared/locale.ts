/**
 * Languages and localised texts, without any schema code: the first screen of the app
 * imports this (and not sop.ts) so that it does not pull the validation library in.
 */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export const SOP_CATEGORIES = ['operational', 'support', 'management'] as const;
export type SopCategory = (typeof SOP_CATEGORIES)[number];

/** A text in one or more languages (validated by LocalizedText in sop.ts). */
export interface LocalizedTextValue {
  en?: string | undefined;
  fr?: string | undefined;
}

/** Picks the reader's language, falling back to whichever language the text has. */
export function localize(text: LocalizedTextValue | undefined, locale: Locale): string {
  if (!text) return '';
  const other: Locale = locale === 'fr' ? 'en' : 'fr';
  return text[locale]?.trim() || text[other]?.trim() || '';
}
