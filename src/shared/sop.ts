/**
 * SOP and SOP version schemas: the shape of a procedure as authors write it and as
 * runners execute it. A published version is immutable; its steps carry stable ids that
 * survive edits so that version n and n+1 compare step by step.
 *
 * Texts are localised maps ({ fr, en }): a SOP is written in one or both languages and
 * the reader sees their locale, falling back to the other one.
 */
import * as z from 'zod/mini';
import { LOCALES, localize, SOP_CATEGORIES } from './locale.ts';

export { LOCALES, localize, SOP_CATEGORIES };
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

const nonEmpty = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/** A text in one or more languages; at least one language must be filled in. */
export const LocalizedText = z
  .object({ en: z.optional(z.string().check(z.maxLength(4000))), fr: z.optional(z.string().check(z.maxLength(4000))) })
  .check(
    z.refine((t) => Boolean(t.en?.trim() || t.fr?.trim()), {
      message: 'text_required',
    }),
  );
export type LocalizedText = z.infer<typeof LocalizedText>;

export const Id = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/));
export const Uuid = z.uuid();
/** Whether `value` is a UUID as the schemas accept it (a route parameter, a raw event's field). */
export const isUuid = (value: unknown): value is string => Uuid.safeParse(value).success;
export const EpochMs = z.int().check(z.gte(0));

export const StepId = Id;
export type StepId = z.infer<typeof StepId>;

export const SopCategory = z.enum(SOP_CATEGORIES);
export type SopCategory = z.infer<typeof SopCategory>;

export const SopStatus = z.enum(['draft', 'published', 'archived']);
export const ExecutionMode = z.enum(['sequential', 'free_order']);
export type ExecutionMode = z.infer<typeof ExecutionMode>;

const StepImage = z.object({ url: nonEmpty(2000), alt: LocalizedText });

const stepBase = {
  id: StepId,
  title: LocalizedText,
  instructions: z.optional(LocalizedText),
  /** Guided-mode explanation for new hires: why this step matters. */
  why: z.optional(LocalizedText),
  images: z.optional(z.array(StepImage).check(z.maxLength(10))),
  critical: z.boolean(),
  expectedSeconds: z.optional(z.int().check(z.gte(1), z.lte(7 * 24 * 3600))),
};

/** Where a decision answer leads: another step of the same version, or the end of the run. */
export const NextStep = z.nullable(StepId);

export const CheckStep = z.object({ ...stepBase, kind: z.literal('check') });
export const DecisionStep = z.object({ ...stepBase, kind: z.literal('decision'), yes: NextStep, no: NextStep });
export const ReadingStep = z.object({
  ...stepBase,
  kind: z.literal('reading'),
  unit: z.string().check(z.maxLength(20)),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
});
export const TextStep = z.object({ ...stepBase, kind: z.literal('text'), required: z.boolean() });
export const PhotoStep = z.object({ ...stepBase, kind: z.literal('photo'), required: z.boolean() });

export const Step = z.discriminatedUnion('kind', [CheckStep, DecisionStep, ReadingStep, TextStep, PhotoStep]);
export type Step = z.infer<typeof Step>;
export type StepKind = Step['kind'];
export type ReadingStep = z.infer<typeof ReadingStep>;

/** The content of one version: what a runner needs to execute it, nothing else. */
export const SopVersionContent = z
  .object({
    mode: ExecutionMode,
    objective: LocalizedText,
    prerequisites: z.array(LocalizedText).check(z.maxLength(50)),
    steps: z.array(Step).check(z.minLength(1), z.maxLength(200)),
    acceptanceCriteria: z.array(LocalizedText).check(z.maxLength(50)),
  })
  .check(
    z.superRefine((content, ctx) => {
      for (const issue of contentProblems(content)) {
        ctx.issues.push({ code: 'custom', input: content, path: issue.path, message: issue.message });
      }
    }),
  );
export type SopVersionContent = z.infer<typeof SopVersionContent>;

type ContentProblem = { path: (string | number)[]; message: string };

/** Cross-field rules zod's shape cannot express: unique step ids, branch targets, ranges. */
export function contentProblems(content: {
  steps: readonly { id: string; kind: string; yes?: string | null; no?: string | null; min?: number; max?: number }[];
}): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const ids = new Set<string>();
  content.steps.forEach((step, i) => {
    if (ids.has(step.id)) problems.push({ path: ['steps', i, 'id'], message: 'duplicate_step_id' });
    ids.add(step.id);
  });
  content.steps.forEach((step, i) => {
    if (step.kind === 'decision') {
      for (const branch of ['yes', 'no'] as const) {
        const target = step[branch];
        if (target != null && !ids.has(target))
          problems.push({ path: ['steps', i, branch], message: 'unknown_branch_target' });
        if (target === step.id) problems.push({ path: ['steps', i, branch], message: 'branch_to_itself' });
      }
    }
    if (step.kind === 'reading' && step.min !== undefined && step.max !== undefined && step.min > step.max) {
      problems.push({ path: ['steps', i, 'max'], message: 'empty_range' });
    }
  });
  return problems;
}

export const Sop = z.object({
  id: Uuid,
  orgId: Uuid,
  title: LocalizedText,
  category: SopCategory,
  ownerId: z.nullable(Uuid),
  reviewIntervalDays: z.int().check(z.gte(1), z.lte(3650)),
  status: SopStatus,
  lastReviewedAt: z.nullable(EpochMs),
});
export type Sop = z.infer<typeof Sop>;

export const SopVersion = z.object({
  sopId: Uuid,
  orgId: Uuid,
  version: z.int().check(z.gte(1)),
  publishedAt: EpochMs,
  publishedBy: z.nullable(Uuid),
  changeNote: z.string().check(z.maxLength(2000)),
  content: SopVersionContent,
});
export type SopVersion = z.infer<typeof SopVersion>;
