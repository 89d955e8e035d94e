import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { foldForSearch, formatDuration, formatRange, parseDecimal } from './format.ts';
import { fr } from './fr.ts';
import { localeFromLanguage, translate } from './index.ts';

describe('i18n', () => {
  it('has the same keys in French and English, none empty', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    expect(Object.values(fr).filter((v) => !v.trim())).toEqual([]);
  });

  it('picks French for fr* browser languages, English otherwise', () => {
    expect(localeFromLanguage('fr-CA')).toBe('fr');
    expect(localeFromLanguage('FR')).toBe('fr');
    expect(localeFromLanguage('de-DE')).toBe('en');
    expect(localeFromLanguage(undefined)).toBe('en');
  });

  it('fills in parameters', () => {
    expect(translate('en', 'run.progress', { n: 3, total: 9 })).toBe('Step 3 of 9');
    expect(translate('fr', 'run.progress', { n: 3, total: 9 })).toBe('Étape 3 sur 9');
  });
});

describe('formatting', () => {
  it('parses decimal commas and points, and nothing else', () => {
    expect(parseDecimal('2,5')).toBe(2.5);
    expect(parseDecimal(' 2.5 ')).toBe(2.5);
    expect(parseDecimal('-3')).toBe(-3);
    expect(parseDecimal('1 250,5')).toBe(1250.5);
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('2,5,1')).toBeNull();
    expect(parseDecimal('abc')).toBeNull();
  });

  it('folds accents and case for search', () => {
    expect(foldForSearch('Réception Élève')).toBe('reception eleve');
  });

  it('formats durations and ranges', () => {
    expect(formatDuration(45_400)).toBe('45 s');
    expect(formatDuration(90_000)).toBe('1 min 30 s');
    expect(formatDuration(3_900_000)).toBe('1 h 05 min');
    expect(formatRange(1.8, 2.5, 'bar', 'fr')).toBe('1,8–2,5 bar');
    expect(formatRange(undefined, 10, '°C', 'en')).toBe('≤ 10 °C');
  });
});
