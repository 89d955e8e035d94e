import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../test/support/server-db.ts';
import { deadLetters, runEvents, runs } from './schema.ts';
import { replaceExcluded, unnestInsert } from './unnest-insert.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase({ demo: false });
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const BUILDER_ORG = '0190a000-0000-7000-8000-0000000000a1';
const UNNEST_ORG = '0190a000-0000-7000-8000-0000000000a2';
const DEVICE = '0190a000-0000-7000-8000-00000000eeee';

/** Texts that an array literal must quote or escape, and values that look like its syntax. */
const AWKWARD = [
  '',
  'NULL',
  'null',
  'a,b',
  '{x}',
  '"quoted"',
  'back\\slash',
  ' padded ',
  'é ✓ 🧪',
  "it's",
  'line\nbreak',
  'tab\tand \\n written out',
  'u2028 \u2028 and \\u0041',
];

const eventRow = (orgId: string, i: number, text: string) => ({
  orgId,
  id: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
  runId: '0190a000-0000-7000-8000-00000000ffff',
  seq: i,
  deviceId: DEVICE,
  deviceSeq: 2 ** 40 + i,
  v: 1,
  type: text,
  at: 1_700_000_000_000 + i,
  mono: i + 0.125,
  pageLoadId: text,
  payload: { text, list: [text, null, 1.5], nested: { [text]: true } },
  payloadHash: text,
  receivedAt: new Date(1_700_000_000_000 + i),
  estimatedAt: i % 2 === 0 ? null : -5 - i,
});

const letterRow = (orgId: string, i: number, text: string) => ({
  orgId,
  deviceId: '0190a000-0000-7000-8000-00000000eeee',
  batchId: '0190a000-0000-7000-8000-00000000dddd',
  eventId: i % 3 === 0 ? null : text,
  code: 'invalid_event',
  message: text,
  raw: i % 4 === 0 ? null : i % 4 === 1 ? text : [text, { [text]: [text] }],
  deviceSeq: i % 2 === 0 ? null : i,
});

describe('unnestInsert', () => {
  // A column whose texts hold a control character is written element by element; one
  // without goes through JSON.stringify (unnest-insert.ts): both must store the same.
  it.each([
    ['with control characters', AWKWARD],
    ['without control characters', AWKWARD.filter((text) => ![...text].some((ch) => ch < ' '))],
  ])('stores every value as the Drizzle insert builder does, on both drivers (texts %s)', async (_, texts) => {
    await t.db.insert(runEvents).values(texts.map((s, i) => eventRow(BUILDER_ORG, i, s)));
    await t.db.execute(
      unnestInsert(
        runEvents,
        texts.map((s, i) => eventRow(UNNEST_ORG, i, s)),
      ),
    );
    const read = async (orgId: string) =>
      (await t.db.select().from(runEvents).where(eq(runEvents.orgId, orgId)).orderBy(runEvents.seq)).map(
        ({ orgId: _org, ...row }) => row,
      );
    const viaUnnest = await read(UNNEST_ORG);
    expect(viaUnnest).toHaveLength(texts.length);
    expect(viaUnnest).toEqual(await read(BUILDER_ORG));
    expect(viaUnnest.map((r) => r.payload.text)).toEqual(texts);
    expect(viaUnnest.map((r) => r.type)).toEqual(texts);
  });

  it('binds the shared columns once, with the same stored result', async () => {
    await t.db.insert(runEvents).values(AWKWARD.map((s, i) => eventRow(BUILDER_ORG, i, s)));
    const rows = AWKWARD.map((s, i) => {
      const { orgId: _org, deviceId: _device, receivedAt: _at, ...row } = eventRow(UNNEST_ORG, i, s);
      return row;
    });
    const shared = { orgId: UNNEST_ORG, deviceId: DEVICE, receivedAt: new Date(1_700_000_000_000) };
    await t.db.execute(unnestInsert(runEvents, rows, shared));
    const read = async (orgId: string) =>
      (await t.db.select().from(runEvents).where(eq(runEvents.orgId, orgId)).orderBy(runEvents.seq)).map(
        ({ orgId: _org, receivedAt: _at, ...row }) => row,
      );
    expect(await read(UNNEST_ORG)).toEqual(await read(BUILDER_ORG));
    const times = await t.db
      .selectDistinct({ at: runEvents.receivedAt })
      .from(runEvents)
      .where(eq(runEvents.orgId, UNNEST_ORG));
    expect(times).toEqual([{ at: new Date(1_700_000_000_000) }]);
  });

  it('stores SQL NULL for null values, also in jsonb columns', async () => {
    await t.db.insert(deadLetters).values(AWKWARD.map((s, i) => letterRow(BUILDER_ORG, i, s)));
    await t.db.execute(
      unnestInsert(
        deadLetters,
        AWKWARD.map((s, i) => letterRow(UNNEST_ORG, i, s)),
      ),
    );
    const read = async (orgId: string) =>
      (await t.db.select().from(deadLetters).where(eq(deadLetters.orgId, orgId)).orderBy(deadLetters.id)).map(
        ({ orgId: _org, id: _id, receivedAt: _at, ...row }) => row,
      );
    expect(await read(UNNEST_ORG)).toEqual(await read(BUILDER_ORG));
    const nulls = await t.db.execute(
      sql`select count(*)::int as n from dead_letters where org_id = ${UNNEST_ORG} and raw is null`,
    );
    expect((nulls as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(
      AWKWARD.filter((_, i) => i % 4 === 0).length,
    );
  });

  it('takes the caller’s ON CONFLICT clause: replaceExcluded updates all but the key', async () => {
    const run: typeof runs.$inferSelect = {
      orgId: UNNEST_ORG,
      id: '0190a000-0000-7000-8000-00000000cccc',
      sopId: '0190a000-0000-7000-8000-00000000bbbb',
      sopVersion: 1,
      userId: '0190a000-0000-7000-8000-00000000aaaa',
      deviceId: '0190a000-0000-7000-8000-00000000eeee',
      training: false,
      status: 'in_progress',
      startedAt: 1,
      endedAt: null,
      durationMs: null,
      activeDurationMs: null,
      flaggedSteps: 0,
      errored: false,
      updatedAt: new Date(1000),
    };
    const upsert = (row: typeof run) =>
      t.db.execute(
        sql`${unnestInsert(runs, [row])} on conflict (org_id, id) do update set ${replaceExcluded(runs, [runs.orgId, runs.id])}`,
      );
    await upsert(run);
    await upsert({ ...run, status: 'completed', endedAt: 9, durationMs: 8, flaggedSteps: 2, errored: true });
    const stored = await t.db.select().from(runs);
    expect(stored).toEqual([
      { ...run, status: 'completed', endedAt: 9, durationMs: 8, flaggedSteps: 2, errored: true },
    ]);
  });
});
