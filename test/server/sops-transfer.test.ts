import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSopId } from '../../src/server/seed.ts';
import { SopExport } from '../../src/shared/sop-export.ts';
import { SopListResponse } from '../../src/shared/sop-api.ts';
import { openTestDatabase, type TestDatabase } from '../support/server-db.ts';
import { postJson, url } from './http.ts';
import { sopExportFile } from './sops-arbitraries.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
  await t.db.execute(sql`TRUNCATE sop_drafts, sop_reviews`);
});
afterAll(() => t.close());

async function exportOf(id: string): Promise<SopExport> {
  const res = await t.app.request(url(`/api/sops/${id}/export`));
  expect(res.status).toBe(200);
  return SopExport.parse(await res.json());
}

async function importFile(file: unknown): Promise<Response> {
  return postJson(t.app, '/api/sops/import', file);
}

async function sopCount(): Promise<number> {
  const res = await t.app.request(url('/api/sops'));
  return SopListResponse.parse(await res.json()).items.length;
}

const withoutDate = (file: SopExport) => ({ ...file, exportedAt: 0 });

describe('JSON export and import', () => {
  it('exports a demo SOP as a file that imports back to the same file', async () => {
    const exported = await exportOf(demoSopId('final-test'));
    expect(exported.versions.map((v) => v.version)).toEqual([1]);
    const res = await importFile(exported);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(id).not.toBe(demoSopId('final-test'));
    expect(withoutDate(await exportOf(id))).toEqual(withoutDate(exported));
  });

  it('round trips any valid file losslessly (property)', async () => {
    await fc.assert(
      fc.asyncProperty(sopExportFile, async (file) => {
        const res = await importFile(file);
        expect(res.status, await res.clone().text()).toBe(201);
        const { id } = (await res.json()) as { id: string };
        expect(withoutDate(await exportOf(id))).toEqual(withoutDate(file));
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a bad file with each problem and its path, and imports nothing', async () => {
    const good = await exportOf(demoSopId('final-test'));
    const [v1] = good.versions;
    if (!v1) throw new Error('no version');
    const [first, ...rest] = v1.content.steps;
    if (!first) throw new Error('no step');
    const bad = {
      ...good,
      versions: [
        { ...v1, content: { ...v1.content, steps: [{ ...first, title: {} }, ...rest, first] } },
        { ...v1, version: 3 },
      ],
    };
    const before = await sopCount();
    const res = await importFile(bad);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; issues: { path: string; message: string }[] };
    expect(body.error).toBe('invalid_import');
    expect(body.issues).toEqual(
      expect.arrayContaining([
        { path: 'versions.0.content.steps.0.title', message: 'text_required' },
        { path: `versions.0.content.steps.${v1.content.steps.length}.id`, message: 'duplicate_step_id' },
      ]),
    );
    expect(await sopCount()).toBe(before);
  });

  it('refuses a file whose history has a gap or whose status does not match it', async () => {
    const good = await exportOf(demoSopId('final-test'));
    const gap = await importFile({ ...good, versions: good.versions.map((v) => ({ ...v, version: 2 })) });
    expect(await gap.json()).toMatchObject({ issues: [{ path: 'versions.0.version', message: 'version_gap' }] });
    const draftWithVersions = await importFile({ ...good, sop: { ...good.sop, status: 'draft' } });
    expect(draftWithVersions.status).toBe(400);
    expect((await importFile({ format: 'other' })).status).toBe(400);
    expect((await importFile('not json')).status).toBe(400);
  });
});
