/** Locale-aware formatting of numbers, durations, dates and byte sizes for display. */
import type { Locale } from '../../shared/sop.ts';

const tag = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 3 }).format(value);
}

/** "1 h 05 min", "12 min 30 s", "45 s": units read the same in French and English. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(totalSeconds / 3600);
  const min = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  if (h > 0) return `${h} h ${String(min).padStart(2, '0')} min`;
  if (min > 0) return `${min} min ${String(s).padStart(2, '0')} s`;
  return `${s} s`;
}

export function formatDateTime(epochMs: number, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}

/** A calendar day (`YYYY-MM-DD`, no time zone) as people write it: "3 Dec 2025", "3 déc. 2025". */
export function formatCalendarDate(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    Date.parse(`${day}T00:00:00Z`),
  );
}

export function formatBytes(bytes: number, locale: Locale): string {
  const units = locale === 'fr' ? ['o', 'Ko', 'Mo', 'Go'] : ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(Math.round(value * 10) / 10, locale)} ${units[unit]}`;
}

/** A reading range for people: "1.8–2.5 bar", "≥ 1.8 bar", "≤ 2.5 bar". */
export function formatRange(min: number | undefined, max: number | undefined, unit: string, locale: Locale): string {
  const n = (v: number) => formatNumber(v, locale);
  const suffix = unit ? ` ${unit}` : '';
  if (min !== undefined && max !== undefined) return `${n(min)}–${n(max)}${suffix}`;
  if (min !== undefined) return `≥ ${n(min)}${suffix}`;
  if (max !== undefined) return `≤ ${n(max)}${suffix}`;
  return '';
}

/** Parses a number typed with a decimal comma or point ("2,5", "2.5", " -3 "); null if not a number. */
export function parseDecimal(input: string): number | null {
  const text = input.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** Lowercase without accents: "Réception" and "reception" compare equal. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}
