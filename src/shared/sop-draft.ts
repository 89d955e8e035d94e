/**
 * A SOP draft: the working copy an author edits before publishing it as version n+1.
 *
 * Drafts are saved while incomplete (autosave runs on every pause in typing), so their
 * shape is the version's with every text allowed to be empty and no step required.
 * `draftProblems` holds a draft to the strict shared schemas (SopVersionContent, which runs
 * contentProblems, plus the SOP's own fields) and names each problem with a stable code
 * the editor translates; publishing refuses a draft that has any. `toVersionContent`
 * drops what an author left blank (an empty instruction, an empty prerequisite line).
 */
import * as z from 'zod/mini';
import { ExecutionMode, type LocalizedText, SopCategory, SopVersionContent, StepId } from './sop.ts';

/** A text being written: like LocalizedText, but it may still be empty. */
export const DraftText = z.object({
  en: z.optional(z.string().check(z.maxLength(4000))),
  fr: z.optional(z.string().check(z.maxLength(4000))),
});
export type DraftText = z.infer<typeof DraftText>;

const draftStepBase = {
  id: StepId,
  title: DraftText,
  instructions: z.optional(DraftText),
  why: z.optional(DraftText),
  images: z.optional(
    z.array(z.object({ url: z.string().check(z.maxLength(2000)), alt: DraftText })).check(z.maxLength(10)),
  ),
  critical: z.boolean(),
  expectedSeconds: z.optional(z.number()),
};

const NextStep = z.nullable(StepId);

export const DraftStep = z.discriminatedUnion('kind', [
  z.object({ ...draftStepBase, kind: z.literal('check') }),
  z.object({ ...draftStepBase, kind: z.literal('decision'), yes: NextStep, no: NextStep }),
  z.object({
    ...draftStepBase,
    kind: z.literal('reading'),
    unit: z.string().check(z.maxLength(40)),
    min: z.optional(z.number()),
    max: z.optional(z.number()),
  }),
  z.object({ ...draftStepBase, kind: z.literal('text'), required: z.boolean() }),
  z.object({ ...draftStepBase, kind: z.literal('photo'), required: z.boolean() }),
]);
export type DraftStep = z.infer<typeof DraftStep>;

export const DraftContent = z.object({
  mode: ExecutionMode,
  objective: DraftText,
  prerequisites: z.array(DraftText).check(z.maxLength(50)),
  steps: z.array(DraftStep).check(z.maxLength(200)),
  acceptanceCriteria: z.array(DraftText).check(z.maxLength(50)),
});
export type DraftContent = z.infer<typeof DraftContent>;

export const DEFAULT_REVIEW_INTERVAL_DAYS = 90;

/** Everything an author edits: the SOP's fields and the content of its next version. */
export const SopDraft = z.object({
  title: DraftText,
  category: SopCategory,
  /** Free text until accounts exist; then a member. */
  ownerName: z.nullable(z.string().check(z.maxLength(200))),
  reviewIntervalDays: z.number(),
  content: DraftContent,
});
export type SopDraft = z.infer<typeof SopDraft>;

export const PROBLEM_CODES = [
  'text_required',
  'no_steps',
  'duplicate_step_id',
  'unknown_branch_target',
  'branch_to_itself',
  'empty_range',
  'invalid_interval',
  'invalid_duration',
  'too_long',
  'invalid_value',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One reason the draft cannot be published, at a path such as ['content','steps',2,'title']. */
export interface DraftProblem {
  path: (string | number)[];
  code: ProblemCode;
}

const isProblemCode = (s: string): s is ProblemCode => (PROBLEM_CODES as readonly string[]).includes(s);

function codeOf(issue: z.core.$ZodIssue): ProblemCode {
  if (isProblemCode(issue.message)) return issue.message;
  const last = issue.path[issue.path.length - 1];
  if (issue.code === 'too_small' && last === 'steps') return 'no_steps';
  if (last === 'expectedSeconds') return 'invalid_duration';
  if (issue.code === 'too_big') return 'too_long';
  return 'invalid_value';
}

const blank = (text: DraftText | undefined) => !text?.en?.trim() && !text?.fr?.trim();

/** A text without its empty languages, so that `{ en: '', fr: 'x' }` validates as `{ fr: 'x' }`. */
export function cleanText(text: DraftText): LocalizedText {
  const out: LocalizedText = {};
  if (text.en?.trim()) out.en = text.en;
  if (text.fr?.trim()) out.fr = text.fr;
  return out;
}

function cleanStep(step: DraftStep): Record<string, unknown> {
  const { instructions, why, images, expectedSeconds, ...rest } = step;
  const out: Record<string, unknown> = { ...rest, title: cleanText(step.title) };
  if (!blank(instructions) && instructions) out.instructions = cleanText(instructions);
  if (!blank(why) && why) out.why = cleanText(why);
  if (images && images.length > 0) out.images = images.map((i) => ({ url: i.url, alt: cleanText(i.alt) }));
  if (expectedSeconds !== undefined) out.expectedSeconds = expectedSeconds;
  return out;
}

/** The draft's content as a version would hold it (not yet validated: see draftProblems). */
export function toVersionContent(content: DraftContent): unknown {
  return {
    mode: content.mode,
    objective: cleanText(content.objective),
    prerequisites: content.prerequisites.filter((p) => !blank(p)).map(cleanText),
    steps: content.steps.map(cleanStep),
    acceptanceCriteria: content.acceptanceCriteria.filter((p) => !blank(p)).map(cleanText),
  };
}

/**
 * Index paths of the cleaned content point into the draft's lists after blank items were
 * dropped; map them back so the editor marks the line the author sees.
 */
function draftIndex(list: readonly DraftText[], cleanedIndex: number): number {
  let seen = -1;
  for (let i = 0; i < list.length; i++) {
    if (!blank(list[i])) seen += 1;
    if (seen === cleanedIndex) return i;
  }
  return cleanedIndex;
}

function toDraftPath(content: DraftContent, path: readonly PropertyKey[]): (string | number)[] {
  const out = path.map((p) => (typeof p === 'number' ? p : String(p)));
  const [list, index] = out;
  if ((list === 'prerequisites' || list === 'acceptanceCriteria') && typeof index === 'number') {
    out[1] = draftIndex(content[list], index);
  }
  return ['content', ...out];
}

/** Every reason this draft cannot be published yet; empty when it can. */
export function draftProblems(draft: SopDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (blank(draft.title)) problems.push({ path: ['title'], code: 'text_required' });
  const interval = draft.reviewIntervalDays;
  if (!Number.isInteger(interval) || interval < 1 || interval > 3650) {
    problems.push({ path: ['reviewIntervalDays'], code: 'invalid_interval' });
  }
  const parsed = SopVersionContent.safeParse(toVersionContent(draft.content));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ path: toDraftPath(draft.content, issue.path), code: codeOf(issue) });
    }
  }
  return problems;
}

/** The publishable content of a draft, or its problems. */
export function publishableContent(
  draft: SopDraft,
): { ok: true; content: SopVersionContent; title: LocalizedText } | { ok: false; problems: DraftProblem[] } {
  const problems = draftProblems(draft);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    content: SopVersionContent.parse(toVersionContent(draft.content)),
    title: cleanText(draft.title),
  };
}

/** A draft that continues from a published version: same step ids, so versions compare. */
export function draftFromVersion(
  sop: { title: LocalizedText; category: SopCategory; reviewIntervalDays: number },
  content: SopVersionContent,
  ownerName: string | null = null,
): SopDraft {
  return {
    title: sop.title,
    category: sop.category,
    ownerName,
    reviewIntervalDays: sop.reviewIntervalDays,
    content: structuredClone(content) as DraftContent,
  };
}

/** A new SOP's first draft: one empty check step to start from. */
export function emptyDraft(title: DraftText, category: SopDraft['category'], stepId: string): SopDraft {
  return {
    title,
    category,
    ownerName: null,
    reviewIntervalDays: DEFAULT_REVIEW_INTERVAL_DAYS,
    content: {
      mode: 'sequential',
      objective: {},
      prerequisites: [],
      steps: [{ id: stepId, kind: 'check', title: {}, critical: false }],
      acceptanceCriteria: [],
    },
  };
}
