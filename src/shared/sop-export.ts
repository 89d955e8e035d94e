/**
 * The JSON file a SOP is exported to and imported from: the SOP's fields, every published
 * version (content, date, author, change note) and the unpublished draft if there is one.
 *
 * Import validates the whole file before writing anything: the same shared schemas as
 * publishing (each version's content through SopVersionContent and contentProblems), and
 * the history must be whole — versions 1…n in order, and a status that matches them (a
 * published SOP has versions, a draft has none). Ids inside the file are the step ids;
 * the SOP gets a new id in the organisation it is imported into.
 */
import * as z from 'zod/mini';
import { EpochMs, LocalizedText, SopCategory, SopStatus, SopVersionContent, Uuid } from './sop.ts';
import { SopDraft } from './sop-draft.ts';

export const SOP_EXPORT_FORMAT = 'fieldbook-sop';
export const SOP_EXPORT_VERSION = 1;
export const MAX_EXPORTED_VERSIONS = 500;

export const ExportedVersion = z.object({
  version: z.int().check(z.gte(1)),
  publishedAt: EpochMs,
  publishedBy: z.nullable(Uuid),
  changeNote: z.string().check(z.maxLength(2000)),
  content: SopVersionContent,
});
export type ExportedVersion = z.infer<typeof ExportedVersion>;

export const SopExport = z
  .object({
    format: z.literal(SOP_EXPORT_FORMAT),
    formatVersion: z.literal(SOP_EXPORT_VERSION),
    exportedAt: EpochMs,
    sop: z.object({
      title: LocalizedText,
      category: SopCategory,
      ownerName: z.nullable(z.string().check(z.maxLength(200))),
      reviewIntervalDays: z.int().check(z.gte(1), z.lte(3650)),
      status: SopStatus,
      lastReviewedAt: z.nullable(EpochMs),
    }),
    versions: z.array(ExportedVersion).check(z.maxLength(MAX_EXPORTED_VERSIONS)),
    /** Unpublished changes, or null when the draft is the latest version. */
    draft: z.nullable(SopDraft),
  })
  .check(
    z.superRefine((file, ctx) => {
      file.versions.forEach((v, i) => {
        if (v.version !== i + 1) {
          ctx.issues.push({
            code: 'custom',
            input: v.version,
            path: ['versions', i, 'version'],
            message: 'version_gap',
          });
        }
      });
      const published = file.versions.length > 0;
      if (file.sop.status === 'published' && !published) {
        ctx.issues.push({ code: 'custom', input: file.sop.status, path: ['sop', 'status'], message: 'no_versions' });
      }
      if (file.sop.status === 'draft' && published) {
        ctx.issues.push({
          code: 'custom',
          input: file.sop.status,
          path: ['sop', 'status'],
          message: 'draft_has_versions',
        });
      }
      if (!published && file.draft === null) {
        ctx.issues.push({ code: 'custom', input: null, path: ['draft'], message: 'nothing_to_import' });
      }
    }),
  );
export type SopExport = z.infer<typeof SopExport>;

/** A problem of an import file: where it is ("versions.2.content.steps.0.title") and why. */
export interface ImportProblem {
  path: string;
  reason: string;
}

export const MAX_IMPORT_PROBLEMS = 50;

/** Validates an import file; on failure, every problem with its path, capped at 50. */
export function parseSopExport(
  value: unknown,
): { ok: true; file: SopExport } | { ok: false; problems: ImportProblem[] } {
  const parsed = SopExport.safeParse(value);
  if (parsed.success) return { ok: true, file: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.slice(0, MAX_IMPORT_PROBLEMS).map((issue) => ({
      path: issue.path.map(String).join('.'),
      reason: issue.message,
    })),
  };
}

/** A file name for a SOP's export: its title made safe, e.g. "controle-pneus.fieldbook.json". */
export function exportFileName(title: LocalizedText): string {
  const base = (title.fr || title.en || 'sop')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${base || 'sop'}.fieldbook.json`;
}
