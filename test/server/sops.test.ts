import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_SOPS } from '../../src/server/demo/index.ts';
import { demoSopId } from '../../src/server/seed.ts';
import {
  ConflictBody,
  DraftEnvelope,
  PublishResponse,
  SopDetail,
  SopListResponse,
  SopSummary,
} from '../../src/shared/sop-api.ts';
import { emptyDraft, type SopDraft } from '../../src/shared/sop-draft.ts';
import type { SopDiff } from '../../src/shared/sop-diff.ts';
import { PullResponse } from '../../src/shared/sync.ts';
import { openTestDatabase, type TestDatabase } from '../support/server-db.ts';
import { postJson, url } from './http.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.db.execute(sql`TRUNCATE sop_drafts, sop_reviews`);
  await t.reset();
});

const FINAL_TEST = demoSopId('final-test');

const send = (method: string, path: string, body?: unknown) =>
  t.app.request(url(path), {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function json<T>(res: Response, status: number, schema?: { parse(v: unknown): T }): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const body: unknown = JSON.parse(text);
  return schema ? schema.parse(body) : (body as T);
}

const getDraft = async (id: string) => json(await t.app.request(url(`/api/sops/${id}/draft`)), 200, DraftEnvelope);
const save = (id: string, revision: number, draft: SopDraft) =>
  send('PUT', `/api/sops/${id}/draft`, { revision, draft });

async function pullAll(cursor = '0'): Promise<PullResponse> {
  return json(await t.app.request(url(`/api/sync/pull?cursor=${cursor}&limit=200`)), 200, PullResponse);
}

describe('library', () => {
  it('lists every SOP with its status, latest version and review due date', async () => {
    const { items, now } = await json(await t.app.request(url('/api/sops')), 200, SopListResponse);
    expect(items).toHaveLength(DEMO_SOPS.length);
    const finalTest = items.find((i) => i.id === FINAL_TEST);
    expect(finalTest).toMatchObject({ status: 'published', latestVersion: 1, overdue: false, hasDraftChanges: false });
    expect(finalTest?.reviewDueAt).toBe(
      (finalTest?.lastReviewedAt ?? 0) + (finalTest?.reviewIntervalDays ?? 0) * 86_400_000,
    );
    expect(now).toBeGreaterThan(0);
  });

  it('shows overdue SOPs first', async () => {
    const longAgo = new Date(Date.now() - 400 * 86_400_000);
    await t.db.execute(sql`UPDATE sops SET last_reviewed_at = ${longAgo.toISOString()} WHERE id = ${FINAL_TEST}`);
    const { items } = await json(await t.app.request(url('/api/sops')), 200, SopListResponse);
    expect(items[0]).toMatchObject({ id: FINAL_TEST, overdue: true });
    expect(items.filter((i) => i.overdue)).toHaveLength(1);
  });

  it('answers 404 for an unknown or malformed SOP id', async () => {
    expect((await t.app.request(url('/api/sops/not-a-uuid'))).status).toBe(404);
    expect((await t.app.request(url('/api/sops/0f1e1db0-0000-4000-8000-000000000000'))).status).toBe(404);
  });
});

describe('drafts', () => {
  it('creates a SOP as a draft that is not pulled by devices', async () => {
    const before = await pullAll();
    const draft = emptyDraft({ fr: 'Nettoyage atelier' }, 'support', 'clean');
    const created = await json(await postJson(t.app, '/api/sops', { draft }), 201, DraftEnvelope);
    expect(created).toMatchObject({ revision: 1, latestVersion: null, draft });
    const detail = await json(await t.app.request(url(`/api/sops/${created.sopId}`)), 200, SopDetail);
    expect(detail.sop).toMatchObject({
      status: 'draft',
      latestVersion: null,
      hasDraftChanges: true,
      reviewDueAt: null,
    });
    expect((await pullAll(before.cursor)).items).toEqual([]);
  });

  it('shows a published SOP without a saved draft as its latest version, revision 0', async () => {
    const envelope = await getDraft(FINAL_TEST);
    const demo = DEMO_SOPS.find((s) => s.key === 'final-test');
    expect(envelope).toMatchObject({ revision: 0, latestVersion: 1 });
    expect(envelope.draft.content).toEqual(demo?.content);
  });

  it('saves with a version check: a stale save gets 409 with the current draft', async () => {
    const { draft } = await getDraft(FINAL_TEST);
    const mine = { ...draft, ownerName: 'Claire' };
    const theirs = { ...draft, ownerName: 'Marc' };
    const first = await json(await save(FINAL_TEST, 0, mine), 200, DraftEnvelope);
    expect(first.revision).toBe(1);
    const stale = await json(await save(FINAL_TEST, 0, theirs), 409, ConflictBody);
    expect(stale.current).toMatchObject({ revision: 1, draft: { ownerName: 'Claire' } });
    const second = await json(await save(FINAL_TEST, 1, theirs), 200, DraftEnvelope);
    expect(second).toMatchObject({ revision: 2, draft: { ownerName: 'Marc' } });
    expect((await save(FINAL_TEST, 1, mine)).status).toBe(409);
  });

  it('lets exactly one of two concurrent saves of the same revision win', async () => {
    const { draft } = await getDraft(FINAL_TEST);
    await save(FINAL_TEST, 0, draft);
    const results = await Promise.all(
      ['A', 'B', 'C'].map((name) => save(FINAL_TEST, 1, { ...draft, ownerName: name })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });

  it('refuses a draft that does not match the shared schema, with the reasons', async () => {
    const { draft } = await getDraft(FINAL_TEST);
    const bad = { ...draft, category: 'nonsense' };
    const res = await send('PUT', `/api/sops/${FINAL_TEST}/draft`, { revision: 0, draft: bad });
    const body = await json<{ error: string; issues: { path: string }[] }>(res, 400);
    expect(body.error).toBe('invalid_request');
    expect(body.issues.map((i) => i.path)).toContain('draft.category');
  });
});

describe('publish', () => {
  async function editFinalTest(): Promise<{ revision: number; draft: SopDraft }> {
    const { draft } = await getDraft(FINAL_TEST);
    const [first, ...rest] = draft.content.steps;
    if (!first) throw new Error('demo SOP has no step');
    const edited: SopDraft = {
      ...draft,
      content: {
        ...draft.content,
        steps: [
          ...rest,
          { ...first, title: { ...first.title, en: 'Edited first step' } },
          {
            id: 'new-step',
            kind: 'check',
            title: { en: 'A new step' },
            critical: false,
          },
        ],
      },
    };
    const saved = await json(await save(FINAL_TEST, 0, edited), 200, DraftEnvelope);
    return { revision: saved.revision, draft: edited };
  }

  it('publishes v2 with its note, keeps step ids, and devices pull it after their cursor', async () => {
    const { cursor } = await pullAll();
    const { revision } = await editFinalTest();
    const published = await json(
      await postJson(t.app, `/api/sops/${FINAL_TEST}/publish`, { revision, changeNote: 'Reordered' }),
      200,
      PublishResponse,
    );
    expect(published.version).toBe(2);
    const page = await pullAll(cursor);
    expect(page.items.map((i) => [i.sop.id, i.version.version, i.version.changeNote])).toEqual([
      [FINAL_TEST, 2, 'Reordered'],
    ]);
    expect(page.cursor).toBe(published.cursor);
    const v1 = DEMO_SOPS.find((s) => s.key === 'final-test')?.content.steps.map((s) => s.id) ?? [];
    const v2 = page.items[0]?.version.content.steps.map((s) => s.id);
    expect(v2).toEqual([...v1.slice(1), v1[0], 'new-step']);
    const detail = await json(await t.app.request(url(`/api/sops/${FINAL_TEST}`)), 200, SopDetail);
    expect(detail.versions.map((v) => [v.version, v.changeNote])).toEqual([
      [2, 'Reordered'],
      [1, DEMO_SOPS.find((s) => s.key === 'final-test')?.changeNote],
    ]);
    expect(detail.sop.hasDraftChanges).toBe(false);
  });

  it('refuses to publish from a stale revision', async () => {
    const { revision, draft } = await editFinalTest();
    await save(FINAL_TEST, revision, { ...draft, ownerName: 'Someone else' });
    const res = await postJson(t.app, `/api/sops/${FINAL_TEST}/publish`, { revision, changeNote: 'x' });
    const body = await json(res, 409, ConflictBody);
    expect(body.current.draft.ownerName).toBe('Someone else');
  });

  it('refuses an invalid draft with each problem and publishes nothing', async () => {
    const { draft } = await getDraft(FINAL_TEST);
    const [first, ...rest] = draft.content.steps;
    if (!first) throw new Error('demo SOP has no step');
    const broken: SopDraft = {
      ...draft,
      content: {
        ...draft.content,
        steps: [
          { ...first, title: {} },
          ...rest,
          { id: 'q', kind: 'decision', title: { en: '?' }, critical: false, yes: 'gone', no: null },
        ],
      },
    };
    await save(FINAL_TEST, 0, broken);
    const res = await postJson(t.app, `/api/sops/${FINAL_TEST}/publish`, { revision: 1, changeNote: 'x' });
    const body = await json<{ error: string; issues: { path: string; message: string }[] }>(res, 400);
    expect(body.error).toBe('invalid_draft');
    expect(body.issues).toEqual(
      expect.arrayContaining([
        { path: 'content.steps.0.title', message: 'text_required' },
        { path: `content.steps.${draft.content.steps.length}.yes`, message: 'unknown_branch_target' },
      ]),
    );
    const detail = await json(await t.app.request(url(`/api/sops/${FINAL_TEST}`)), 200, SopDetail);
    expect(detail.versions).toHaveLength(1);
  });

  it('requires a change note', async () => {
    const res = await postJson(t.app, `/api/sops/${FINAL_TEST}/publish`, { revision: 0, changeNote: '  ' });
    expect(res.status).toBe(400);
  });
});

describe('history and diff', () => {
  it('diffs two versions by step id', async () => {
    const { draft } = await getDraft(FINAL_TEST);
    const steps = draft.content.steps;
    const [a, b] = steps;
    if (!a || !b) throw new Error('demo SOP too short');
    const edited: SopDraft = {
      ...draft,
      content: {
        ...draft.content,
        steps: [b, { ...a, title: { ...a.title, en: 'Check the car again' } }, ...steps.slice(3)],
      },
    };
    await save(FINAL_TEST, 0, edited);
    await postJson(t.app, `/api/sops/${FINAL_TEST}/publish`, { revision: 1, changeNote: 'v2' });
    const body = await json<{ diff: SopDiff }>(
      await t.app.request(url(`/api/sops/${FINAL_TEST}/diff?from=1&to=2`)),
      200,
    );
    const removed = steps[2]?.id;
    expect(body.diff.steps.find((s) => s.stepId === removed)?.status).toBe('removed');
    const moved = body.diff.steps.filter((s) => s.moved).map((s) => s.stepId);
    expect(moved).toHaveLength(1);
    expect(body.diff.steps.find((s) => s.stepId === a.id)?.changes.map((c) => c.field)).toEqual(['title.en']);
    const missing = await t.app.request(url(`/api/sops/${FINAL_TEST}/diff?from=1&to=9`));
    expect(missing.status).toBe(404);
  });

  it('serves one full version', async () => {
    const res = await t.app.request(url(`/api/sops/${FINAL_TEST}/versions/1`));
    const body = await json<{ version: number; content: unknown }>(res, 200);
    expect(body.version).toBe(1);
    expect(body.content).toEqual(DEMO_SOPS.find((s) => s.key === 'final-test')?.content);
    expect((await t.app.request(url(`/api/sops/${FINAL_TEST}/versions/x`))).status).toBe(404);
  });
});

describe('review and archive', () => {
  it('marks as reviewed: records who (the signed-in member) and when, and restarts the interval', async () => {
    const longAgo = new Date(Date.now() - 400 * 86_400_000);
    await t.db.execute(sql`UPDATE sops SET last_reviewed_at = ${longAgo.toISOString()} WHERE id = ${FINAL_TEST}`);
    const res = await postJson(t.app, `/api/sops/${FINAL_TEST}/review`, { reviewer: 'Claire' });
    const summary = await json(res, 200, SopSummary);
    expect(summary.overdue).toBe(false);
    expect(summary.lastReviewedAt).toBeGreaterThan(Date.now() - 60_000);
    const detail = await json(await t.app.request(url(`/api/sops/${FINAL_TEST}`)), 200, SopDetail);
    expect(detail.reviews).toEqual([{ reviewedAt: summary.lastReviewedAt, reviewedBy: 'Camille Martin' }]);
  });

  it('archives: devices learn the new status through pull, unarchive brings it back', async () => {
    const { cursor } = await pullAll();
    const archived = await json(await postJson(t.app, `/api/sops/${FINAL_TEST}/archive`, {}), 200, SopSummary);
    expect(archived).toMatchObject({ status: 'archived', reviewDueAt: null, overdue: false });
    const page = await pullAll(cursor);
    expect(page.items.map((i) => [i.sop.id, i.sop.status, i.version.version])).toEqual([[FINAL_TEST, 'archived', 1]]);
    expect((await postJson(t.app, `/api/sops/${FINAL_TEST}/publish`, { revision: 0, changeNote: 'x' })).status).toBe(
      409,
    );
    await postJson(t.app, `/api/sops/${FINAL_TEST}/unarchive`, {});
    const back = await pullAll(page.cursor);
    expect(back.items.map((i) => [i.sop.id, i.sop.status])).toEqual([[FINAL_TEST, 'published']]);
    const all = await pullAll();
    expect(all.items).toHaveLength(DEMO_SOPS.length);
  });
});
