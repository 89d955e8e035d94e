import { hc } from 'hono/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppType } from '../../src/server/api-types.ts';
import { DEMO_SOPS } from '../../src/server/demo/index.ts';
import { DEMO_ORG_ID, demoSopId } from '../../src/server/seed.ts';
import { orgs } from '../../src/server/db/schema.ts';
import { PullResponse } from '../../src/shared/sync.ts';
import { IDS } from '../support/events.ts';
import { openTestDatabase, publishFixtureSop, TEST_OWNER, type TestDatabase } from '../support/server-db.ts';
import { url } from './http.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

async function pull(query: string): Promise<PullResponse> {
  const res = await t.app.request(url(`/api/sync/pull${query}`));
  expect(res.status).toBe(200);
  return PullResponse.parse(await res.json());
}

describe('GET /api/sync/pull', () => {
  it('serves the eight demo SOPs as version 1, with ids derived from their keys', async () => {
    const page = await pull('');
    expect(page.hasMore).toBe(false);
    expect(page.orgId).toBe(DEMO_ORG_ID);
    expect(page.items.map((i) => i.sop.id)).toEqual(DEMO_SOPS.map((s) => demoSopId(s.key)));
    expect(page.items.every((i) => i.version.version === 1 && i.sop.status === 'published')).toBe(true);
    expect(page.items[0]?.version.content).toEqual(DEMO_SOPS[0]?.content);
    expect(page.cursor).toBe('8');
  });

  it('pages by cursor without losing or repeating a version', async () => {
    const seen: string[] = [];
    let cursor = '0';
    const pages: number[] = [];
    for (;;) {
      const page = await pull(`?cursor=${cursor}&limit=3`);
      pages.push(page.items.length);
      seen.push(...page.items.map((i) => i.sop.id));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(pages).toEqual([3, 3, 2]);
    expect(seen).toEqual(DEMO_SOPS.map((s) => demoSopId(s.key)));
    const done = await pull(`?cursor=${cursor}`);
    expect(done).toMatchObject({ items: [], hasMore: false, cursor });
  });

  it('returns exactly what was published after the cursor', async () => {
    const { cursor } = await pull('');
    await publishFixtureSop(t.db, DEMO_ORG_ID, IDS.sop, 2);
    const page = await pull(`?cursor=${cursor}`);
    expect(page.items.map((i) => [i.sop.id, i.version.version, i.version.changeNote])).toEqual([
      [IDS.sop, 1, 'v1'],
      [IDS.sop, 2, 'v2'],
    ]);
    expect(page.cursor).toBe('10');
  });

  it('a cursor beyond the end gives nothing and keeps the cursor', async () => {
    expect(await pull('?cursor=1000')).toMatchObject({ items: [], hasMore: false, cursor: '1000' });
  });

  it('with the demo disabled, the organisation created by the setup page starts empty', async () => {
    const empty = await openTestDatabase({ demo: false });
    try {
      const [org] = await empty.db.select().from(orgs);
      expect(org?.name).toBe(TEST_OWNER.orgName);
      const res = await empty.app.request(url('/api/sync/pull'));
      expect(PullResponse.parse(await res.json())).toMatchObject({
        items: [],
        hasMore: false,
        cursor: '0',
        orgId: org?.id,
      });
    } finally {
      await empty.close();
    }
  });

  it('is reachable through a typed hono client built on AppType', async () => {
    const client = hc<AppType>('http://localhost', {
      fetch: (input: RequestInfo | URL, init?: RequestInit) => t.app.request(String(input), init),
    });
    const res = await client.api.sync.pull.$get({ query: { cursor: '0', limit: '2' } });
    const body = await res.json();
    expect(PullResponse.parse(body).items).toHaveLength(2);
  });
});
