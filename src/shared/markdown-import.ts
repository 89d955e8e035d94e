/**
 * Markdown or plain text → a SOP draft, for authors who paste a procedure from a document.
 *
 * The text is read line by line (CRLF, tabs and trailing spaces normalised). A heading —
 * `#`-heading, a line that is all bold, or a known section name alone on its line, with
 * or without a colon — switches the section when it names one: Objectif/Objective,
 * Prérequis/Prerequisites, Critères d'acceptation/Acceptance criteria, Étapes/Steps
 * (accents, case and apostrophes ignored). "Objectif : réparer…" on one line fills the
 * section with its text and returns to the steps. The first other heading is the title;
 * later ones group steps: they lead back to the steps section and are reported as unused.
 *
 * In the steps section (also the default), each top-level list item (`-`, `*`, `+`, `•`,
 * `1.`, `1)`, `a)`, `- [ ]`) is a step; more indented items and the lines that continue an
 * item are its instructions. A step ending in "?" is a decision that goes on to the next
 * step either way (the author sets the branches in the preview); "⚠" or "(critique)"
 * marks a critical step; an accepted range with a unit ("2,2 à 2,5 bar") makes a reading.
 * A text with no list at all is read one step per line. In the other sections each item
 * or line is one entry; the objective is one paragraph.
 */

import type { Locale } from './sop.ts';
import type { DraftContent, DraftStep, DraftText } from './sop-draft.ts';

export type SectionKey = 'objective' | 'prerequisites' | 'steps' | 'acceptanceCriteria';

export interface MarkdownImport {
  title: string | null;
  content: DraftContent;
  /** Lines that fit nowhere (an unknown heading after the title): shown in the preview. */
  unused: string[];
}

const SECTION_NAMES: Record<SectionKey, string[]> = {
  objective: ['objectif', 'objectifs', 'objective', 'objectives', 'but', 'goal', 'purpose'],
  prerequisites: [
    'prerequis',
    'pre-requis',
    'prerequisite',
    'prerequisites',
    'pre-requisites',
    'materiel',
    'materiel necessaire',
    'requirements',
    'before you start',
    'avant de commencer',
  ],
  steps: ['etapes', 'steps', 'procedure', 'mode operatoire', 'deroulement', 'instructions'],
  acceptanceCriteria: [
    "criteres d'acceptation",
    "critere d'acceptation",
    'criteres de reussite',
    'acceptance criteria',
    'acceptance criterion',
    'definition of done',
  ],
};

/** Lowercase, no accents, straight apostrophes, single spaces: "Critères d’Acceptation" → "criteres d'acceptation". */
export function foldHeading(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const sectionOf = (name: string): SectionKey | null => {
  const folded = foldHeading(name).replace(/\s*:$/, '');
  for (const [key, names] of Object.entries(SECTION_NAMES) as [SectionKey, string[]][]) {
    if (names.includes(folded)) return key;
  }
  return null;
};

const stripInline = (text: string) =>
  text
    .replace(/\*\*(.+?)\*\*|__(.+?)__/g, '$1$2')
    .replace(/(^|\W)[*_](\S(?:.*?\S)?)[*_](?=\W|$)/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .trim();

interface Heading {
  text: string;
  /** Text after "Name :" on the same line, when the heading carries its content. */
  inline: string | null;
}

/** A heading line, or null. A known section name followed by a colon and text is one too. */
function headingOf(line: string): Heading | null {
  const hash = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
  if (hash?.[1] !== undefined) return { text: stripInline(hash[1]).replace(/\s*:$/, ''), inline: null };
  const bold = /^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*(:?)\s*(.*)$/.exec(line);
  if (bold?.[1] !== undefined) {
    const name = bold[1].replace(/\s*:$/, '');
    const rest = bold[3] ?? '';
    if (rest === '') return { text: name, inline: null };
    if (sectionOf(name)) return { text: name, inline: stripInline(rest) };
    return null;
  }
  if (sectionOf(line)) return { text: line.trim(), inline: null };
  const plain = /^\s*([^:]{2,60}?)\s*:\s*(.*)$/.exec(line);
  if (plain?.[1] !== undefined && sectionOf(plain[1])) {
    return { text: plain[1], inline: plain[2] ? stripInline(plain[2]) : null };
  }
  return null;
}

interface ListItem {
  indent: number;
  text: string;
}

const LIST_ITEM = /^(\s*)(?:[-*+•▪◦]|\d{1,3}[.)]|[a-z][.)])\s+(?:\[[ xX]\]\s+)?(.*)$/;

function listItemOf(line: string): ListItem | null {
  const match = LIST_ITEM.exec(line);
  if (!match || match[2] === undefined || match[2].trim() === '') return null;
  return { indent: (match[1] ?? '').length, text: stripInline(match[2]) };
}

const CRITICAL_MARK = '(⚠️?|\\((?:critique|critical)\\)|\\[(?:critique|critical)\\])';
const CRITICAL = new RegExp(CRITICAL_MARK, 'iu');
const CRITICAL_ALL = new RegExp(`\\s*${CRITICAL_MARK}\\s*`, 'giu');
const STEP_PREFIX = /^(?:étape|etape|step)\s*\d+\s*[:.\-–—)]\s*/i;
const RANGE = /(-?\d+(?:[.,]\d+)?)\s*(?:-|–|—|à|a|to)\s*(-?\d+(?:[.,]\d+)?)\s*([a-zA-Zµ°%Ω/²³·]+)?/u;
const TIME_UNITS = new Set([
  's',
  'sec',
  'min',
  'mn',
  'h',
  'minutes',
  'secondes',
  'seconds',
  'heures',
  'hours',
  'jours',
  'days',
]);

const decimal = (s: string) => Number(s.replace(',', '.'));

/** One step from a list item's text; the id is given by the caller. */
function stepOf(raw: string, id: string, locale: Locale): DraftStep {
  const critical = CRITICAL.test(raw);
  const title = raw.replace(CRITICAL_ALL, ' ').replace(STEP_PREFIX, '').replace(/\s+/g, ' ').trim();
  const base = { id, title: { [locale]: title } as DraftText, critical };
  if (/[?？]\s*$/.test(title)) return { ...base, kind: 'decision', yes: null, no: null };
  const range = RANGE.exec(title);
  const unit = range?.[3]?.trim();
  if (range?.[1] && range[2] && unit && !TIME_UNITS.has(unit.toLowerCase())) {
    const [a, b] = [decimal(range[1]), decimal(range[2])];
    return { ...base, kind: 'reading', unit, min: Math.min(a, b), max: Math.max(a, b) };
  }
  return { ...base, kind: 'check' };
}

interface Collected {
  title: string | null;
  lists: Record<Exclude<SectionKey, 'steps'>, string[]>;
  steps: { text: string; instructions: string[] }[];
  plainSteps: string[];
  unused: string[];
}

const SETEXT_UNDERLINE = /^\s{0,3}(=+|-{2,})$/;
const THEMATIC_BREAK = /^\s{0,3}([-*_])(\s*\1){2,}$/;

/** Lines without CR, tabs or trailing spaces; setext headings ("Title" over "===") become `#` ones. */
function normalise(text: string): string[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '    ')
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''));
  const out: string[] = [];
  for (const line of lines) {
    const previous = out[out.length - 1];
    if (SETEXT_UNDERLINE.test(line) && previous && previous.trim() !== '' && !listItemOf(previous)) {
      out[out.length - 1] = `# ${previous.trim()}`;
    } else if (!THEMATIC_BREAK.test(line)) out.push(line);
  }
  return out;
}

/** Reads the lines into sections; no ids yet. */
function collect(lines: string[]): Collected {
  const out: Collected = {
    title: null,
    lists: { objective: [], prerequisites: [], acceptanceCriteria: [] },
    steps: [],
    plainSteps: [],
    unused: [],
  };
  let section: SectionKey = 'steps';
  let topIndent: number | null = null;
  let lastWasItem = false;
  for (const line of lines) {
    if (line.trim() === '') {
      lastWasItem = false;
      continue;
    }
    const heading = headingOf(line);
    if (heading) {
      const key = sectionOf(heading.text);
      topIndent = null;
      if (key && heading.inline) {
        // "Objectif : …" on one line says it all; what follows is the procedure again.
        addLine(out, key, heading.inline, false);
        section = 'steps';
      } else if (key) section = key;
      else if (out.title === null) out.title = heading.text;
      else {
        // A sub-heading after the title groups steps ("Démontage", "Remontage").
        out.unused.push(line.trim());
        section = 'steps';
      }
      lastWasItem = false;
      continue;
    }
    const item = listItemOf(line);
    if (item) {
      topIndent ??= item.indent;
      const nested = item.indent > topIndent && section === 'steps' && out.steps.length > 0;
      if (nested) out.steps[out.steps.length - 1]?.instructions.push(item.text);
      else addLine(out, section, item.text, true);
      lastWasItem = true;
      continue;
    }
    const text = stripInline(line);
    const continues = lastWasItem || /^\s{2,}/.test(line);
    if (section === 'steps' && continues && out.steps.length > 0) {
      out.steps[out.steps.length - 1]?.instructions.push(text);
    } else addLine(out, section, text, false);
  }
  return out;
}

function addLine(out: Collected, section: SectionKey, text: string, isItem: boolean): void {
  if (section === 'steps') {
    if (isItem) out.steps.push({ text, instructions: [] });
    else out.plainSteps.push(text);
  } else out.lists[section].push(text);
}

/** Parses pasted Markdown or plain text into a draft's title and content. */
export function importMarkdown(
  text: string,
  options: { locale: Locale; newId?: (index: number) => string },
): MarkdownImport {
  const { locale } = options;
  const newId = options.newId ?? ((i: number) => `step-${i + 1}`);
  const found = collect(normalise(text));
  // Without any list, each line of the steps section is a step (a plain-text procedure).
  const items =
    found.steps.length > 0 ? found.steps : found.plainSteps.map((line) => ({ text: line, instructions: [] }));
  const unused = found.steps.length > 0 ? [...found.unused, ...found.plainSteps] : found.unused;
  const steps = items.map((item, i) => {
    const step = stepOf(item.text, newId(i), locale);
    if (item.instructions.length > 0) step.instructions = { [locale]: item.instructions.join('\n') };
    return step;
  });
  // A decision goes on to the next step either way until the author sets its branches.
  steps.forEach((step, i) => {
    if (step.kind === 'decision') {
      const next = steps[i + 1]?.id ?? null;
      step.yes = next;
      step.no = next;
    }
  });
  const texts = (lines: string[]) => lines.map((l) => ({ [locale]: l }) as DraftText);
  const objective = found.lists.objective.join(' ');
  return {
    title: found.title,
    content: {
      mode: 'sequential',
      objective: objective ? { [locale]: objective } : {},
      prerequisites: texts(found.lists.prerequisites),
      steps,
      acceptanceCriteria: texts(found.lists.acceptanceCriteria),
    },
    unused,
  };
}
