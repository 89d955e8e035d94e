/**
 * The cast and the plot of the demo organisation's generated history (history.ts):
 * who works at Atelier Martin, how fast each person is, and what each SOP's numbers
 * should show on the dashboards —
 * - Diagnosis v2 (published 13 weeks ago) replaces the free search of "Locate the faulty
 *   part" by the manufacturer's guided test plan: its median time falls clearly;
 * - "Locate the faulty part" is the bottleneck of the diagnosis, and its rare hard cases
 *   (intermittent faults) make the outlier runs an owner opens;
 * - the tyre pressure of the final test is out of range in about a third of the runs;
 * - two new hires: Léa (started 12 weeks ago) becomes proficient, Hugo (started 3 weeks
 *   ago) is still on his learning curve.
 */
import type { SopVersionContent } from '../../shared/sop.ts';
import { diagnosis } from './sops/diagnosis.ts';
import { t } from './text.ts';

export interface CastMember {
  key: string;
  name: string;
  role: 'owner' | 'technician' | 'new_hire';
  /** Weeks before now of the first working day. */
  startedWeeksAgo: number;
  /** Multiplier of every step time once experienced. */
  pace: number;
  /** Multiplier of the first run, decaying to 1 with a half-life of `learningRuns`. */
  firstRunPace: number;
  learningRuns: number;
  /** Chance of doing each SOP on a working day. */
  daily: Record<string, number>;
}

export const HISTORY_WEEKS = 26;
export const DIAGNOSIS_V2_WEEKS_AGO = 13;

const veteran = (key: string, name: string, pace: number, daily: Record<string, number>): CastMember => ({
  key,
  name,
  role: key === 'camille' ? 'owner' : 'technician',
  startedWeeksAgo: 300,
  pace,
  firstRunPace: 1,
  learningRuns: 1,
  daily,
});

export const CAST: CastMember[] = [
  veteran('camille', 'Camille Martin', 0.95, { 'customer-reception': 0.4, invoicing: 0.35 }),
  veteran('julien', 'Julien Roche', 1, { diagnosis: 0.6, 'final-test': 0.35, 'customer-reception': 0.1 }),
  veteran('sofia', 'Sofia Benali', 1.05, { diagnosis: 0.5, 'final-test': 0.4, invoicing: 0.1 }),
  {
    key: 'lea',
    name: 'Léa Garnier',
    role: 'new_hire',
    startedWeeksAgo: 12,
    pace: 1.02,
    firstRunPace: 2.2,
    learningRuns: 4,
    daily: { diagnosis: 0.35, 'final-test': 0.3, 'customer-reception': 0.25 },
  },
  {
    key: 'hugo',
    name: 'Hugo Lefèvre',
    role: 'new_hire',
    startedWeeksAgo: 3,
    pace: 1.1,
    firstRunPace: 2.5,
    learningRuns: 12,
    daily: { diagnosis: 0.4, 'customer-reception': 0.5 },
  },
];

/** The onboarding track the owner gave both new hires. */
export const NEW_HIRE_TRACK = ['customer-reception', 'diagnosis', 'final-test'];

/** Per SOP and step: how the real time differs from expectedSeconds, and how often it goes wrong. */
export interface StepPlot {
  timeFactor?: number;
  /** Chance that the step is flagged (a reading: out of range). */
  errorRate?: number;
  /** Chance of a hard case (an intermittent fault…) that makes the step `hardCaseFactor` times longer. */
  hardCaseRate?: number;
  hardCaseFactor?: number;
}

export const PLOT: Record<string, Record<string, StepPlot>> = {
  diagnosis: {
    'locate-fault': { timeFactor: 1.35, hardCaseRate: 0.05, hardCaseFactor: 3.5 },
    'battery-voltage': { errorRate: 0.08 },
  },
  'final-test': {
    'tyre-pressure': { errorRate: 0.32 },
    'road-test': { errorRate: 0.04 },
  },
};
/** Chance of a flag on any other step. */
export const BASE_ERROR_RATE = 0.015;
/** Chance that a run is abandoned halfway. */
export const ABORT_RATE = 0.03;

/** Fixed ids (people: …0a0n, their phones: …0b0n), stable across databases like the SOP ids. */
export const personId = (key: string) => castId('a', key);
export const deviceIdOf = (key: string) => castId('b', key);
function castId(kind: 'a' | 'b', key: string): string {
  const index = CAST.findIndex((m) => m.key === key);
  if (index < 0) throw new Error(`no cast member ${key}`);
  return `0f1e1db0-0000-4000-8000-${`${kind}${index + 1}`.padStart(12, '0')}`;
}

/** Diagnosis v2: same stable step ids, "Locate the faulty part" follows the guided test plan. */
export const diagnosisV2: SopVersionContent = {
  ...diagnosis.content,
  steps: diagnosis.content.steps.map((step) =>
    step.id === 'locate-fault'
      ? {
          ...step,
          instructions: t(
            'Lancer le plan de test guidé du constructeur sur la valise pour le code relevé et suivre ses mesures dans l’ordre, jusqu’à la pièce ou au faisceau en cause.',
            'Start the manufacturer’s guided test plan on the scan tool for the recorded code and follow its measurements in order, until the faulty part or harness is found.',
          ),
          expectedSeconds: 480,
        }
      : step,
  ),
};
export const DIAGNOSIS_V2_NOTE = 'Locate the faulty part: follow the guided test plan of the scan tool';
