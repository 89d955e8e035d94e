/**
 * Test data: SOPs as the server would send them. `receptionVersion` has all five step
 * kinds: check → decision (yes: photo, no: reading) → reading (critical, 1.8–2.5 bar) →
 * text (required) → check.
 */
import type { Sop, SopVersion, SopVersionContent, Step } from '../../shared/sop.ts';
import type { PulledSopVersion } from '../../shared/sync.ts';

export const ORG_ID = '0190b000-0000-7000-8000-000000000001';
export const RECEPTION_ID = '0190b000-0000-7000-8000-000000000002';
export const OIL_ID = '0190b000-0000-7000-8000-000000000003';

export function sop(id: string, en: string, fr: string, overrides: Partial<Sop> = {}): Sop {
  return {
    id,
    orgId: ORG_ID,
    title: { en, fr },
    category: 'operational',
    ownerId: null,
    reviewIntervalDays: 90,
    status: 'published',
    lastReviewedAt: null,
    ...overrides,
  };
}

export function version(sopId: string, n: number, content: SopVersionContent): SopVersion {
  return {
    sopId,
    orgId: ORG_ID,
    version: n,
    publishedAt: 1_700_000_000_000,
    publishedBy: null,
    changeNote: '',
    content,
  };
}

export const receptionSteps: Step[] = [
  { id: 'greet', kind: 'check', critical: false, title: { en: 'Greet the customer', fr: 'Accueillir le client' } },
  {
    id: 'damage',
    kind: 'decision',
    critical: false,
    title: { en: 'Is there visible damage?', fr: 'Dommage visible ?' },
    yes: 'photo',
    no: 'pressure',
  },
  { id: 'photo', kind: 'photo', critical: false, required: false, title: { en: 'Photograph the damage' } },
  {
    id: 'pressure',
    kind: 'reading',
    critical: true,
    unit: 'bar',
    min: 1.8,
    max: 2.5,
    title: { en: 'Tyre pressure', fr: 'Pression des pneus' },
    why: { en: 'Under-inflated tyres wear fast.' },
    expectedSeconds: 90,
  },
  { id: 'plate', kind: 'text', critical: false, required: true, title: { en: 'Licence plate', fr: 'Immatriculation' } },
  { id: 'keys', kind: 'check', critical: false, title: { en: 'Hand over the keys', fr: 'Remettre les clés' } },
];

export function receptionContent(overrides: Partial<SopVersionContent> = {}): SopVersionContent {
  return {
    mode: 'sequential',
    objective: { en: 'Welcome the customer and record the vehicle', fr: 'Accueillir le client' },
    prerequisites: [{ en: 'Work order printed' }],
    steps: receptionSteps,
    acceptanceCriteria: [{ en: 'Customer signed the work order' }, { en: 'Keys tagged' }],
    ...overrides,
  };
}

export const oilContent: SopVersionContent = {
  mode: 'free_order',
  objective: { en: 'Inspect the workshop' },
  prerequisites: [],
  steps: [
    { id: 'lights', kind: 'check', critical: false, title: { en: 'Lights work' } },
    { id: 'exits', kind: 'check', critical: true, title: { en: 'Exits clear' } },
  ],
  acceptanceCriteria: [],
};

/** The pull items of the demo data: reception (v1 and v2) and a free-order inspection. */
export function demoItems(): PulledSopVersion[] {
  const reception = sop(RECEPTION_ID, 'Customer reception', 'Réception client');
  const inspection = sop(OIL_ID, 'Workshop inspection', 'Inspection atelier', { category: 'support' });
  return [
    {
      sop: reception,
      version: version(RECEPTION_ID, 1, receptionContent({ steps: receptionSteps.filter((s) => s.kind === 'check') })),
    },
    { sop: reception, version: version(RECEPTION_ID, 2, receptionContent()) },
    { sop: inspection, version: version(OIL_ID, 1, oilContent) },
  ];
}
