/**
 * The authoring API's bodies (/api/sops), validated by the server on the way in and by
 * the client on the way back. Drafts travel with their `revision`, the optimistic version
 * check: a save or a publish names the revision it started from, and a stale one gets a
 * 409 `conflict` carrying the current draft so the author can see what changed.
 */
import * as z from 'zod/mini';
import { EpochMs, SopCategory, SopStatus, SopVersionContent, Uuid } from './sop.ts';
import { DraftText, SopDraft } from './sop-draft.ts';

const PersonName = z.nullable(z.string().check(z.maxLength(200)));

export const SopSummary = z.object({
  id: Uuid,
  /** The draft's title when there is a draft, else the published one. */
  title: DraftText,
  category: SopCategory,
  status: SopStatus,
  ownerName: PersonName,
  latestVersion: z.nullable(z.int()),
  lastPublishedAt: z.nullable(EpochMs),
  updatedAt: EpochMs,
  reviewIntervalDays: z.int(),
  lastReviewedAt: z.nullable(EpochMs),
  /** Last review + interval; null while never published or when archived. */
  reviewDueAt: z.nullable(EpochMs),
  overdue: z.boolean(),
  /** The draft differs from the latest published version. */
  hasDraftChanges: z.boolean(),
});
export type SopSummary = z.infer<typeof SopSummary>;

export const SopListResponse = z.object({ items: z.array(SopSummary), now: EpochMs });
export type SopListResponse = z.infer<typeof SopListResponse>;

export const VersionMeta = z.object({
  version: z.int(),
  publishedAt: EpochMs,
  publishedBy: z.nullable(Uuid),
  changeNote: z.string(),
  stepCount: z.int(),
});
export type VersionMeta = z.infer<typeof VersionMeta>;

export const ReviewRecord = z.object({ reviewedAt: EpochMs, reviewedBy: PersonName });

export const SopDetail = z.object({
  sop: SopSummary,
  versions: z.array(VersionMeta),
  reviews: z.array(ReviewRecord),
});
export type SopDetail = z.infer<typeof SopDetail>;

export const FullVersion = z.object({ ...VersionMeta.shape, content: SopVersionContent });
export type FullVersion = z.infer<typeof FullVersion>;

export const DraftEnvelope = z.object({
  sopId: Uuid,
  /** 0 = nothing saved yet (the draft shown is the latest version). */
  revision: z.int().check(z.gte(0)),
  draft: SopDraft,
  updatedAt: z.nullable(EpochMs),
  updatedBy: PersonName,
  latestVersion: z.nullable(z.int()),
});
export type DraftEnvelope = z.infer<typeof DraftEnvelope>;

export const SaveDraftRequest = z.object({
  revision: z.int().check(z.gte(0)),
  draft: SopDraft,
  author: z.optional(PersonName),
});
export type SaveDraftRequest = z.infer<typeof SaveDraftRequest>;

export const CreateSopRequest = z.object({ draft: SopDraft, author: z.optional(PersonName) });
export type CreateSopRequest = z.infer<typeof CreateSopRequest>;

export const PublishRequest = z.object({
  revision: z.int().check(z.gte(0)),
  changeNote: z.string().check(z.trim(), z.minLength(1), z.maxLength(2000)),
});
export type PublishRequest = z.infer<typeof PublishRequest>;

export const PublishResponse = z.object({ version: z.int(), revision: z.int(), cursor: z.string() });
export type PublishResponse = z.infer<typeof PublishResponse>;

export const ReviewRequest = z.object({ reviewer: z.optional(PersonName) });

/** The 409 body of a stale save or publish. */
export const ConflictBody = z.object({
  error: z.literal('conflict'),
  message: z.string(),
  current: DraftEnvelope,
});
export type ConflictBody = z.infer<typeof ConflictBody>;

export const DiffQuery = z.object({
  from: z.string().check(z.regex(/^\d{1,6}$/)),
  to: z.string().check(z.regex(/^\d{1,6}$/)),
});

/**
 * Step images: uploaded with POST /api/sops/:id/images (the raw image as the body), then
 * served under SOP_IMAGE_PATH, outside /api, where the runners' offline image cache keeps
 * them (sw/image-cache-rules.ts). An image never changes under its URL.
 */
export const SOP_IMAGE_PATH = '/media/sop-images';
/** Largest step image accepted; the editor sends a JPEG of at most 1600 px, far below it. */
export const MAX_SOP_IMAGE_BYTES = 4 * 1024 * 1024;
export const SOP_IMAGE_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** The 201 answer of an image upload. */
export const SopImageUploaded = z.object({
  id: Uuid,
  url: z.string(),
  mime: z.enum(SOP_IMAGE_MIMES),
  bytes: z.int(),
});
export type SopImageUploaded = z.infer<typeof SopImageUploaded>;
