/**
 * A fake authoring server for the library, history and import screens: SOP summaries in
 * the order the server sends them (overdue first), details with versions, "mark as
 * reviewed", the diff of two versions (the shared diffVersions, as the server computes
 * it), the JSON import (the shared parseSopExport: a bad file is answered 400 with its
 * problems and nothing is stored) and creating a draft.
 */
import type { SopDetail, SopSummary } from '../../shared/sop-api.ts';
import type { SopVersionContent } from '../../shared/sop.ts';
import { diffVersions } from '../../shared/sop-diff.ts';
import type { SopDraft } from '../../shared/sop-draft.ts';
import { parseSopExport } from '../../shared/sop-export.ts';
import { setSopApiFetch } from '../library/sop-api-client.ts';
import { json } from './fake-server.ts';

export const NOW = Date.UTC(2025, 11, 3, 10);
const DAY = 86_400_000;

/** A library entry; reviews are due 90 days after `reviewedDaysAgo`. */
export function summary(
  id: string,
  en: string,
  over: Partial<SopSummary> & { reviewedDaysAgo?: number } = {},
): SopSummary {
  const { reviewedDaysAgo = 10, ...rest } = over;
  const lastReviewedAt = NOW - reviewedDaysAgo * DAY;
  const reviewDueAt = lastReviewedAt + 90 * DAY;
  return {
    id,
    title: { en },
    category: 'operational',
    status: 'published',
    ownerName: null,
    latestVersion: 1,
    lastPublishedAt: NOW - 200 * DAY,
    updatedAt: NOW - 200 * DAY,
    reviewIntervalDays: 90,
    lastReviewedAt,
    reviewDueAt,
    overdue: reviewDueAt < NOW,
    hasDraftChanges: false,
    ...rest,
  };
}

export interface LibraryServer {
  items: SopSummary[];
  /** Version contents by SOP id, version 1 first. */
  versions: Map<string, SopVersionContent[]>;
  reviews: string[];
  imported: unknown[];
  /** Drafts created (from the Markdown import), by their new SOP id. */
  created: Map<string, SopDraft>;
}

const versionMeta = (contents: readonly SopVersionContent[]) =>
  contents
    .map((content, i) => ({
      version: i + 1,
      publishedAt: NOW - (contents.length - i) * 30 * DAY,
      publishedBy: null,
      changeNote: `Change ${i + 1}`,
      stepCount: content.steps.length,
    }))
    .reverse();

async function answer(server: LibraryServer, method: string, url: URL, body: unknown): Promise<Response> {
  const path = url.pathname;
  if (path === '/api/sops' && method === 'GET') return json({ items: server.items, now: NOW });
  const envelope = (sopId: string, draft: SopDraft, status = 200) =>
    json({ sopId, revision: 1, draft, updatedAt: NOW, updatedBy: null, latestVersion: null }, status);
  if (path === '/api/sops' && method === 'POST') {
    const { draft } = body as { draft: SopDraft };
    const sopId = `0190c000-0000-7000-8000-${String(server.created.size + 1).padStart(12, '0')}`;
    server.created.set(sopId, draft);
    return envelope(sopId, draft, 201);
  }
  if (path === '/api/sops/import') {
    const parsed = parseSopExport(body);
    if (!parsed.ok) {
      const issues = parsed.problems.map((p) => ({ path: p.path, message: p.reason }));
      return json({ error: 'invalid_import', message: 'Nothing was imported.', issues }, 400);
    }
    server.imported.push(parsed.file);
    return json({ id: `0190d000-0000-7000-8000-${String(server.imported.length).padStart(12, '0')}` }, 201);
  }
  const [, , , id = '', action] = path.split('/');
  const created = server.created.get(id);
  if (created && action === 'draft') return envelope(id, created);
  const index = server.items.findIndex((s) => s.id === id);
  const sop = server.items[index];
  if (!sop) return json({ error: 'not_found', message: 'No SOP.' }, 404);
  const contents = server.versions.get(id) ?? [];
  if (action === undefined) {
    return json({ sop, versions: versionMeta(contents), reviews: [] } satisfies SopDetail);
  }
  if (action === 'review' && method === 'POST') {
    server.reviews.push(id);
    const reviewed = { ...sop, lastReviewedAt: NOW, reviewDueAt: NOW + 90 * DAY, overdue: false };
    server.items[index] = reviewed;
    return json(reviewed);
  }
  if (action === 'diff') {
    const [from, to] = [Number(url.searchParams.get('from')), Number(url.searchParams.get('to'))];
    const [a, b] = [contents[from - 1], contents[to - 1]];
    if (!a || !b) return json({ error: 'not_found', message: 'No version.' }, 404);
    return json({ from, to, diff: diffVersions(a, b) });
  }
  return json({ error: 'not_found', message: 'No route.' }, 404);
}

export function libraryServer(items: SopSummary[], versions = new Map<string, SopVersionContent[]>()): LibraryServer {
  const server: LibraryServer = { items, versions, reviews: [], imported: [], created: new Map() };
  setSopApiFetch(async (input, init) => {
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    return answer(server, init?.method ?? 'GET', new URL(input, 'http://localhost'), body);
  });
  return server;
}
