/**
 * The authoring API (/api/sops) for the library and the editor. Every answer is validated
 * with the shared schemas; every failure is a typed outcome instead of an exception:
 * `offline` (no network or timeout: keep the work on the device), `conflict` (409 with the
 * current draft), `invalid` (400 with the server's issues), `not_found`, `too_large` (413),
 * `unsupported` (415), `http`. State-changing calls carry the CSRF header; a 401 marks the
 * session as needing a sign-in.
 */
import * as z from 'zod/mini';
import {
  ConflictBody,
  DraftEnvelope,
  FullVersion,
  PublishResponse,
  SopDetail,
  SopImageUploaded,
  SopListResponse,
  SopSummary,
} from '../../shared/sop-api.ts';
import type { SopDiff } from '../../shared/sop-diff.ts';
import type { SopDraft } from '../../shared/sop-draft.ts';
import { ApiError } from '../../shared/sync.ts';
import { noteUnauthorized } from '../auth/account-store.ts';
import { csrfFor } from '../auth/csrf.ts';
import { REQUEST_TIMEOUT_MS } from '../sync/http.ts';

export type Issue = { path: string; message: string };

export type ApiOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'offline' | 'not_found' | 'too_large' | 'unsupported' | 'http' }
  | { ok: false; reason: 'conflict'; current: DraftEnvelope | null; error: string }
  | { ok: false; reason: 'invalid'; error: string; issues: Issue[] };

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

let fetchImpl: Fetch = (input, init) => fetch(input, init);

/** Tests route the calls to their own server. */
export function setSopApiFetch(next: Fetch): void {
  fetchImpl = next;
}

async function failure<T>(response: Response): Promise<ApiOutcome<T>> {
  const body: unknown = await response.json().catch(() => null);
  await noteUnauthorized(response.status, ApiError.safeParse(body).data?.error);
  if (response.status === 404) return { ok: false, reason: 'not_found' };
  if (response.status === 413) return { ok: false, reason: 'too_large' };
  if (response.status === 415) return { ok: false, reason: 'unsupported' };
  if (response.status === 409) {
    const conflict = ConflictBody.safeParse(body);
    const error = ApiError.safeParse(body);
    return {
      ok: false,
      reason: 'conflict',
      current: conflict.success ? conflict.data.current : null,
      error: error.success ? error.data.error : 'conflict',
    };
  }
  const error = ApiError.safeParse(body);
  if (response.status === 400 && error.success) {
    return { ok: false, reason: 'invalid', error: error.data.error, issues: error.data.issues ?? [] };
  }
  return { ok: false, reason: 'http' };
}

/** A request body: JSON, or raw bytes of a media type (an image). */
type Body = { json: unknown } | { bytes: Blob; type: string };

function requestInit(method: string, body: Body | undefined, signal: AbortSignal): RequestInit {
  const headers = csrfFor(method);
  if (!body) return { method, signal, headers };
  if ('json' in body) {
    return {
      method,
      signal,
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body.json),
    };
  }
  return { method, signal, headers: { ...headers, 'content-type': body.type }, body: body.bytes };
}

async function send<T>(method: string, path: string, schema: z.ZodMiniType<T>, body?: Body): Promise<ApiOutcome<T>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  try {
    let response: Response;
    try {
      response = await fetchImpl(path, requestInit(method, body, controller.signal));
    } catch {
      return { ok: false, reason: 'offline' };
    }
    if (!response.ok) return await failure(response);
    const parsed = z.safeParse(schema, await response.json().catch(() => undefined));
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: 'http' };
  } finally {
    clearTimeout(timer);
  }
}

const call = <T>(method: string, path: string, schema: z.ZodMiniType<T>, json?: unknown) =>
  send(method, path, schema, json === undefined ? undefined : { json });

const base = (sopId: string) => `/api/sops/${encodeURIComponent(sopId)}`;
const Anything = z.unknown();
const Created = z.object({ id: z.string() });
const DiffBody = z.object({ from: z.int(), to: z.int(), diff: z.custom<SopDiff>((v) => typeof v === 'object') });

export const sopApi = {
  list: () => call('GET', '/api/sops', SopListResponse),
  detail: (sopId: string) => call('GET', base(sopId), SopDetail),
  create: (draft: SopDraft) => call('POST', '/api/sops', DraftEnvelope, { draft }),
  draft: (sopId: string) => call('GET', `${base(sopId)}/draft`, DraftEnvelope),
  saveDraft: (sopId: string, revision: number, draft: SopDraft) =>
    call('PUT', `${base(sopId)}/draft`, DraftEnvelope, { revision, draft }),
  publish: (sopId: string, revision: number, changeNote: string) =>
    call('POST', `${base(sopId)}/publish`, PublishResponse, { revision, changeNote }),
  review: (sopId: string) => call('POST', `${base(sopId)}/review`, SopSummary, {}),
  setArchived: (sopId: string, archived: boolean) =>
    call('POST', `${base(sopId)}/${archived ? 'archive' : 'unarchive'}`, SopSummary, {}),
  version: (sopId: string, version: number) => call('GET', `${base(sopId)}/versions/${version}`, FullVersion),
  diff: (sopId: string, from: number, to: number) => call('GET', `${base(sopId)}/diff?from=${from}&to=${to}`, DiffBody),
  exportFile: (sopId: string) => call('GET', `${base(sopId)}/export`, Anything),
  importFile: (file: unknown) => call('POST', '/api/sops/import', Created, file),
  uploadImage: (sopId: string, image: Blob, type: string) =>
    send('POST', `${base(sopId)}/images`, SopImageUploaded, { bytes: image, type }),
};
