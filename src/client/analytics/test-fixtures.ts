/**
 * Realistic analytics answers for component tests, in the shapes the server sends
 * (each parsed with its wire schema, so a fixture that drifts from the API fails), and a
 * fetch that serves them by path.
 */
import { vi } from 'vitest';
import {
  OnboardingTeam,
  Overview,
  PeopleList,
  SopReport,
  Timeline,
  VersionComparisonWire,
} from '../../shared/analytics-wire.ts';
import { SopListResponse } from '../../shared/sop-api.ts';

export const SOP_ID = '6d5c3f0e-5b7a-5c1e-9a40-1d2f3e4a5b6c';
export const RUN_ID = '0192f000-0000-7000-8000-00000000aa01';
export const LEA = '0f1e1db0-0000-4000-8000-0000000000a4';
const HUGO = '0f1e1db0-0000-4000-8000-0000000000a5';
export const NINA = '0f1e1db0-0000-4000-8000-0000000000a6';
export const FINAL_TEST_ID = '6d5c3f0e-5b7a-5c1e-9a40-1d2f3e4a5b6d';
const RECEPTION_ID = '6d5c3f0e-5b7a-5c1e-9a40-1d2f3e4a5b6e';
const JULIEN = '0f1e1db0-0000-4000-8000-0000000000a2';
const MIN = 60_000;
const WEEK = 7 * 86_400_000;
const MONDAY = Date.UTC(2025, 5, 2);

const title = (en: string, fr: string) => ({ en, fr });

export const overview = Overview.parse({
  now: Date.UTC(2025, 11, 3, 10),
  sops: [
    {
      id: SOP_ID,
      title: title('Diagnosis', 'Diagnostic'),
      status: 'published',
      latestVersion: 2,
      lastUpdate: Date.UTC(2025, 8, 1),
      reviewDue: Date.UTC(2025, 11, 1),
      reviewOverdue: true,
      completed: 160,
      meanMs: 78 * MIN,
      medianMs: 72 * MIN,
      errorRate: 0.125,
      firstPassYield: 0.875,
    },
  ],
  activeSops: 8,
  overdueReviews: 4,
  runsThisWeek: { started: 12, completed: 10 },
  onboarding: { people: 2, proficientPairs: 1, medianDaysToProficiency: 23 },
  devices: [
    {
      deviceId: '0f1e1db0-0000-4000-8000-0000000000b4',
      lastSyncAt: Date.UTC(2025, 11, 2, 17),
      appVersion: '0.1.0',
      lastUser: 'Léa Garnier',
    },
  ],
});

const step = (id: string, name: string, medianMin: number, share: number, errorRate: number, flags = {}) => ({
  stepId: id,
  title: title(name, name),
  executions: 100,
  medianMs: medianMin * MIN,
  p90Ms: medianMin * 1.6 * MIN,
  share,
  flagged: Math.round(errorRate * 100),
  errorRate,
  flagsByCategory: flags,
});

export const report = SopReport.parse({
  sop: { id: SOP_ID, title: title('Diagnosis', 'Diagnostic'), versions: [1, 2] },
  durations: {
    completed: 160,
    aborted: 5,
    medianMs: 72 * MIN,
    p90Ms: 101 * MIN,
    meanMs: 78 * MIN,
    activeMedianMs: 70 * MIN,
    activeP90Ms: 95 * MIN,
    activeMeanMs: 75 * MIN,
  },
  rates: { completed: 160, aborted: 5, errored: 20, errorRate: 0.125, firstPassYield: 0.875, abandonRate: 5 / 165 },
  trend: [0, 1, 2, 3].map((i) => ({ weekStart: MONDAY + i * WEEK, runs: 6 + i, medianMs: (90 - i * 8) * MIN })),
  box: { minMs: 41 * MIN, q1Ms: 60 * MIN, medianMs: 72 * MIN, q3Ms: 88 * MIN, maxMs: 190 * MIN, fenceMs: 130 * MIN },
  steps: [
    step('read-repair-order', 'Read the repair order', 2, 0.03, 0.01),
    step('battery-voltage', 'Battery voltage at rest', 1.5, 0.02, 0.08, { defect: 2 }),
    step('locate-fault', 'Locate the faulty part', 31, 0.43, 0.02, { tool: 2 }),
  ],
  bottleneck: 'locate-fault',
  outliers: [
    {
      runId: RUN_ID,
      sopVersion: 1,
      durationMs: 190 * MIN,
      fenceMs: 130 * MIN,
      userId: JULIEN,
      startedAt: MONDAY + 3600_000,
    },
  ],
  people: [{ userId: JULIEN, name: 'Julien Roche', completed: 90, medianMs: 70 * MIN, errorRate: 0.1 }],
});

const comparison = (n: [number, number], med: [number, number], err: [number, number], pd: number, pe: number) => ({
  a: {
    n: n[0],
    medianMs: med[0] * MIN,
    p90Ms: med[0] * 1.4 * MIN,
    errored: Math.round(err[0] * n[0]),
    errorRate: err[0],
  },
  b: {
    n: n[1],
    medianMs: med[1] * MIN,
    p90Ms: med[1] * 1.4 * MIN,
    errored: Math.round(err[1] * n[1]),
    errorRate: err[1],
  },
  medianChange: (med[1] - med[0]) / med[0],
  errorRateChange: err[1] - err[0],
  durationP: pd,
  durationSignificant: pd < 0.05,
  errorP: pe,
  errorSignificant: pe < 0.05,
});

export const compare = VersionComparisonWire.parse({
  sop: { id: SOP_ID, title: title('Diagnosis', 'Diagnostic') },
  a: 1,
  b: 2,
  runs: comparison([60, 100], [89, 59], [0.1, 0.09], 1e-12, 0.79),
  steps: [
    {
      stepId: 'locate-fault',
      title: title('Locate the faulty part', 'Localiser la pièce en cause'),
      ...comparison([60, 100], [40, 11], [0.02, 0.01], 1e-20, 1),
    },
    {
      stepId: 'read-repair-order',
      title: title('Read the repair order', 'Lire l’ordre de réparation'),
      ...comparison([60, 100], [2, 2.05], [0, 0], 0.6, 1),
    },
  ],
});

export const timeline = Timeline.parse({
  run: {
    id: RUN_ID,
    sopId: SOP_ID,
    sopTitle: title('Diagnosis', 'Diagnostic'),
    sopVersion: 1,
    userId: JULIEN,
    userName: 'Julien Roche',
    status: 'completed',
    startedAt: MONDAY + 3600_000,
    durationMs: 190 * MIN,
    activeDurationMs: 175 * MIN,
    training: false,
  },
  segments: [
    { stepId: 'read-repair-order', title: title('Read the repair order', 'Lire l’OR'), start: 0, end: 2 * MIN },
    {
      stepId: 'battery-voltage',
      title: title('Battery voltage at rest', 'Tension batterie'),
      start: 2 * MIN,
      end: 4 * MIN,
    },
    {
      stepId: 'locate-fault',
      title: title('Locate the faulty part', 'Localiser la pièce'),
      start: 4 * MIN,
      end: 150 * MIN,
    },
  ],
  pauses: [{ start: 60 * MIN, end: 75 * MIN }],
  marks: [
    { at: 3 * MIN, kind: 'reading', stepId: 'battery-voltage', detail: '11.9 V', outOfRange: true },
    { at: 100 * MIN, kind: 'flag', stepId: 'locate-fault', detail: 'tool: Outil indisponible', outOfRange: false },
  ],
});

const curve = (user: string, minutes: number[], errored: number[] = []) =>
  minutes.map((m, i) => ({
    n: i + 1,
    runId: `0192f000-0000-7000-8000-${user.slice(-4)}0000${String(i).padStart(4, '0')}`,
    startedAt: MONDAY + i * 2 * 86_400_000,
    durationMs: m * MIN,
    errored: errored.includes(i + 1),
    training: i < 3,
  }));

const item = (reached: boolean, points: ReturnType<typeof curve>, atRun: number | null, days: number | null) => ({
  sopId: SOP_ID,
  title: title('Diagnosis', 'Diagnostic'),
  runs: points.length,
  reached,
  atRun,
  days,
  thresholdMs: 80 * MIN,
  baselineMs: 64 * MIN,
  teamQ1Ms: 55 * MIN,
  teamQ3Ms: 75 * MIN,
  curve: points,
});

export const onboarding = OnboardingTeam.parse({
  people: [
    {
      id: LEA,
      name: 'Léa Garnier',
      role: 'new_hire',
      startDate: '2025-09-08',
      track: [item(true, curve(LEA, [150, 120, 100, 85, 75, 70, 72], [2]), 7, 12)],
    },
    {
      id: HUGO,
      name: 'Hugo Lefèvre',
      role: 'new_hire',
      startDate: '2025-11-10',
      track: [item(false, curve(HUGO, [160, 150, 145]), null, null)],
    },
  ],
});

/** Everyone an owner may give a track: the two new hires, and Nina, who has none yet. */
export const people = PeopleList.parse({
  people: [
    { id: LEA, name: 'Léa Garnier', role: 'new_hire', startDate: '2025-09-08' },
    { id: HUGO, name: 'Hugo Lefèvre', role: 'new_hire', startDate: '2025-11-10' },
    { id: NINA, name: 'Nina Petit', role: 'technician', startDate: '2024-02-05' },
  ],
});

const summary = (id: string, en: string, fr: string, status: 'draft' | 'published' | 'archived') => ({
  id,
  title: title(en, fr),
  category: 'operational',
  status,
  ownerName: null,
  latestVersion: status === 'draft' ? null : 1,
  lastPublishedAt: status === 'draft' ? null : Date.UTC(2025, 5, 2),
  updatedAt: Date.UTC(2025, 5, 2),
  reviewIntervalDays: 90,
  lastReviewedAt: null,
  reviewDueAt: null,
  overdue: false,
  hasDraftChanges: false,
});

/** The library: three published procedures, an archived one and a draft. */
export const library = SopListResponse.parse({
  now: Date.UTC(2025, 11, 3, 10),
  items: [
    summary(SOP_ID, 'Diagnosis', 'Diagnostic', 'published'),
    summary(FINAL_TEST_ID, 'Final test', 'Essai final', 'published'),
    summary(RECEPTION_ID, 'Customer reception', 'Accueil client', 'published'),
    summary('6d5c3f0e-5b7a-5c1e-9a40-1d2f3e4a5b6f', 'Old checklist', 'Ancienne liste', 'archived'),
    summary('6d5c3f0e-5b7a-5c1e-9a40-1d2f3e4a5b70', 'New procedure', 'Nouvelle procédure', 'draft'),
  ],
});

/** Answers a state-changing request (PUT, POST…) in a test. */
export type WriteHandler = (path: string, init: RequestInit) => Response | Promise<Response>;

/** Serves the fixtures by path (writes go to `write`); anything else answers 404. Returns the spy. */
export function fakeAnalyticsFetch(routes: Record<string, unknown> = {}, write?: WriteHandler) {
  const table: Record<string, unknown> = {
    '/api/analytics/overview': overview,
    [`/api/analytics/sops/${SOP_ID}`]: report,
    [`/api/analytics/sops/${SOP_ID}/compare`]: compare,
    [`/api/analytics/runs/${RUN_ID}/timeline`]: timeline,
    '/api/analytics/onboarding': onboarding,
    '/api/analytics/people': people,
    '/api/sops': library,
    ...routes,
  };
  const spy = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input), 'http://localhost').pathname;
    if (write && init?.method && init.method !== 'GET') return write(path, init);
    const body = table[path];
    return body === undefined
      ? new Response(JSON.stringify({ error: 'not_found', message: 'No.' }), { status: 404 })
      : new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', spy);
  return spy;
}
