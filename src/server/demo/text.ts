import type { LocalizedText } from '../../shared/sop.ts';

/** A demo text in both languages: the demo organisation is shown in French and in English. */
export function t(fr: string, en: string): LocalizedText {
  return { fr, en };
}
