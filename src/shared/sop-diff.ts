/**
 * Comparing two versions of a SOP, step by step.
 *
 * Steps are matched by their stable id, never by position or title: an edited step keeps
 * its id, so "Test final" in v1 and v2 is the same step even when renamed. A step only in
 * the newer version is `added`, only in the older one `removed`. A step present in both is
 * `moved` when its order relative to the other kept steps changed: the kept steps that form
 * a longest common subsequence of the two orders stay put, every other kept step moved.
 * (Inserting a step above another shifts its index but is not a move.) Each changed field
 * (one language of a text, a flag, a range bound, a branch target…) carries a word-level
 * diff, the shortest edit script over words and whitespace computed with an LCS table.
 */
import type { LocalizedText, SopVersionContent, Step } from './sop.ts';

export type WordOp = 'same' | 'added' | 'removed';
export interface WordPart {
  op: WordOp;
  text: string;
}

export interface FieldChange {
  /** e.g. "title.fr", "instructions.en", "critical", "max", "yes". */
  field: string;
  before: string;
  after: string;
  words: WordPart[];
}

export interface StepDiff {
  stepId: string;
  status: 'added' | 'removed' | 'kept';
  moved: boolean;
  /** Position (0-based) in the older and newer version; null where absent. */
  fromIndex: number | null;
  toIndex: number | null;
  /** The step's title in the newer version (the older one for a removed step). */
  title: LocalizedText;
  changes: FieldChange[];
}

export interface SopDiff {
  /** Changes outside the steps: mode, objective, prerequisites, acceptance criteria. */
  fields: FieldChange[];
  /** Every step of both versions, in the newer version's order, removed steps where they were. */
  steps: StepDiff[];
}

/** Indices of a longest common subsequence of `a` and `b` (as pairs [i, j]). */
function lcsPairs<T>(a: readonly T[], b: readonly T[]): [number, number][] {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * cols + j] =
        a[i] === b[j]
          ? (table[(i + 1) * cols + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * cols + j] ?? 0, table[i * cols + j + 1] ?? 0);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if ((table[(i + 1) * cols + j] ?? 0) >= (table[i * cols + j + 1] ?? 0)) i++;
    else j++;
  }
  return pairs;
}

/** Word-level diff of two texts; whitespace runs are tokens too, so joining restores each text. */
export function diffWords(before: string, after: string): WordPart[] {
  const a = before.split(/(\s+)/).filter((t) => t !== '');
  const b = after.split(/(\s+)/).filter((t) => t !== '');
  const parts: WordPart[] = [];
  const push = (op: WordOp, text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  let i = 0;
  let j = 0;
  for (const [pi, pj] of lcsPairs(a, b)) {
    while (i < pi) push('removed', a[i++] as string);
    while (j < pj) push('added', b[j++] as string);
    push('same', a[i++] as string);
    j++;
  }
  while (i < a.length) push('removed', a[i++] as string);
  while (j < b.length) push('added', b[j++] as string);
  return parts;
}

type Flat = Map<string, string>;

function flattenText(out: Flat, name: string, text: LocalizedText | undefined): void {
  out.set(`${name}.en`, text?.en ?? '');
  out.set(`${name}.fr`, text?.fr ?? '');
}

const show = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

/** A step as named fields, so two steps compare field by field whatever their kinds. */
function flattenStep(step: Step): Flat {
  const out: Flat = new Map([['kind', step.kind]]);
  flattenText(out, 'title', step.title);
  flattenText(out, 'instructions', step.instructions);
  flattenText(out, 'why', step.why);
  out.set('critical', show(step.critical));
  out.set('expectedSeconds', show(step.expectedSeconds));
  out.set('images', step.images ? step.images.map((i) => i.url).join('\n') : '');
  if (step.kind === 'decision') {
    out.set('yes', show(step.yes));
    out.set('no', show(step.no));
  }
  if (step.kind === 'reading') {
    out.set('unit', step.unit);
    out.set('min', show(step.min));
    out.set('max', show(step.max));
  }
  if (step.kind === 'text' || step.kind === 'photo') out.set('required', show(step.required));
  return out;
}

function compareFlat(before: Flat, after: Flat): FieldChange[] {
  const fields = [...new Set([...before.keys(), ...after.keys()])];
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const b = before.get(field) ?? '';
    const a = after.get(field) ?? '';
    if (a !== b) changes.push({ field, before: b, after: a, words: diffWords(b, a) });
  }
  return changes;
}

function flattenContent(content: SopVersionContent): Flat {
  const out: Flat = new Map([['mode', content.mode]]);
  flattenText(out, 'objective', content.objective);
  for (const locale of ['en', 'fr'] as const) {
    out.set(`prerequisites.${locale}`, content.prerequisites.map((p) => p[locale] ?? '').join('\n'));
    out.set(`acceptanceCriteria.${locale}`, content.acceptanceCriteria.map((p) => p[locale] ?? '').join('\n'));
  }
  return out;
}

/** Compares version `before` with version `after` of the same SOP. */
export function diffVersions(before: SopVersionContent, after: SopVersionContent): SopDiff {
  const oldIds = before.steps.map((s) => s.id);
  const newIds = after.steps.map((s) => s.id);
  const oldIndex = new Map(oldIds.map((id, i) => [id, i]));
  const newIndex = new Map(newIds.map((id, i) => [id, i]));
  const keptOld = oldIds.filter((id) => newIndex.has(id));
  const keptNew = newIds.filter((id) => oldIndex.has(id));
  const inPlace = new Set(lcsPairs(keptOld, keptNew).map(([i]) => keptOld[i]));

  const steps: StepDiff[] = [];
  // Removed steps are listed where they were: before the first kept step that followed them.
  let oldCursor = 0;
  const flushRemovedUpTo = (limit: number) => {
    for (; oldCursor < limit; oldCursor++) {
      const step = before.steps[oldCursor];
      if (step && !newIndex.has(step.id)) steps.push(stepEntry(step, null, 'removed', false, oldCursor, null));
    }
  };
  after.steps.forEach((step, toIndex) => {
    const from = oldIndex.get(step.id);
    if (from === undefined) {
      steps.push(stepEntry(step, null, 'added', false, null, toIndex));
      return;
    }
    if (inPlace.has(step.id)) flushRemovedUpTo(from);
    steps.push(stepEntry(step, before.steps[from] ?? null, 'kept', !inPlace.has(step.id), from, toIndex));
  });
  flushRemovedUpTo(before.steps.length);
  return { fields: compareFlat(flattenContent(before), flattenContent(after)), steps };
}

function stepEntry(
  step: Step,
  older: Step | null,
  status: StepDiff['status'],
  moved: boolean,
  fromIndex: number | null,
  toIndex: number | null,
): StepDiff {
  const changes =
    status === 'kept' && older ? compareFlat(flattenStep(older), flattenStep(step)) : ([] as FieldChange[]);
  return { stepId: step.id, status, moved, fromIndex, toIndex, title: step.title, changes };
}

/** True when the two versions have the same content, step for step. */
export const isUnchanged = (diff: SopDiff): boolean =>
  diff.fields.length === 0 && diff.steps.every((s) => s.status === 'kept' && !s.moved && s.changes.length === 0);
