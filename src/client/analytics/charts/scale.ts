/**
 * Scales for the SVG charts. Charts draw in a 360-unit-wide viewBox (so their text stays
 * readable when a phone scales them down to 320 px) and durations go on "nice" minute
 * ticks: 1, 2, 5 × a power of ten.
 */
export const WIDTH = 360;
export const PAD = { left: 44, right: 12, top: 12, bottom: 28 };

/** Maps [d0, d1] linearly onto [r0, r1]; a flat domain maps to the middle. */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  if (d1 === d0) return () => (r0 + r1) / 2;
  return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
}

/** About `count` round tick values from 0 to at least `max`. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) ticks.push(v);
  return ticks;
}

const MINUTE = 60_000;
/** Ticks for durations (ms), in whole minutes when the range allows it. */
export function durationTicks(maxMs: number, count = 4): number[] {
  if (maxMs < 2 * MINUTE) return niceTicks(maxMs, count);
  return niceTicks(maxMs / MINUTE, count).map((m) => m * MINUTE);
}

/** A short axis label: "45 min", "1 h 30", "30 s". */
export function shortDuration(ms: number): string {
  const minutes = Math.round(ms / MINUTE);
  if (ms < MINUTE) return `${Math.round(ms / 1000)} s`;
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}
