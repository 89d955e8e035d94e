/**
 * Numbers of the dashboards in words people read: durations, percentages, and the
 * verdict of a comparison. The shared analytics return a relative change and a
 * significance flag (p < 0.05); here that becomes "34 % faster; very unlikely to be
 * chance" or "could be chance" in the reader's language.
 */
import type { Locale } from '../../shared/sop.ts';
import { formatDuration } from '../i18n/format.ts';
import type { Translate } from '../i18n/index.ts';

const tag = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

export const duration = (ms: number | null | undefined) => (ms === null || ms === undefined ? '—' : formatDuration(ms));

export function percent(fraction: number | null | undefined, locale: Locale): string {
  if (fraction === null || fraction === undefined) return '—';
  return new Intl.NumberFormat(tag(locale), { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

export function day(epochMs: number | null | undefined, locale: Locale): string {
  if (epochMs === null || epochMs === undefined) return '—';
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(epochMs);
}

export function dateTime(epochMs: number | null | undefined, locale: Locale): string {
  if (epochMs === null || epochMs === undefined) return '—';
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}

/** "v2 is 34 % faster than v1" (or slower, or the same). */
export function durationChange(change: number | null, a: number, b: number, t: Translate, locale: Locale): string {
  if (change === null) return t('analytics.change.unknown');
  const amount = percent(Math.abs(change), locale);
  if (amount === percent(0, locale)) return t('analytics.change.same', { a, b });
  return t(change < 0 ? 'analytics.change.faster' : 'analytics.change.slower', { a, b, amount });
}

/** "2 points fewer errors" style sentence for an error-rate change. */
export function errorChange(change: number | null, b: number, t: Translate): string {
  if (change === null) return t('analytics.change.unknown');
  const points = Math.round(Math.abs(change) * 100);
  if (points === 0) return t('analytics.errors.same', { b });
  return t(change < 0 ? 'analytics.errors.fewer' : 'analytics.errors.more', { b, points });
}

export const verdict = (significant: boolean, t: Translate) =>
  t(significant ? 'analytics.verdict.real' : 'analytics.verdict.chance');
