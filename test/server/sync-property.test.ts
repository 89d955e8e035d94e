/**
 * Property: whatever the network and the server do to a device's pushes — batches in any
 * order, events repeated, answers lost after the commit, transactions failing inside the
 * database, invalid events mixed in — once the device's outbox is drained the server
 * holds exactly the valid events, every invalid one is dead-lettered, and each run's
 * derived numbers equal the shared summarizeRun of its valid events.
 *
 * The device is modelled faithfully: an event leaves its outbox only when a 2xx answer
 * gave it a status; a lost answer or a 5xx leaves everything pending. Failures are real:
 * a trigger makes the batch's last insert raise inside PostgreSQL. Runs on PGlite, and on
 * PostgreSQL with TEST_DATABASE_URL.
 */
import { and, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deadLetters, orgs, runEvents, runs, stepExecutions } from '../../src/server/db/schema.ts';
import type { RunEvent } from '../../src/shared/events.ts';
import { summarizeRun } from '../../src/shared/run-summary.ts';
import { uuidv7 } from '../../src/shared/uuid.ts';
import { IDS, RunBuilder } from '../support/events.ts';
import { FIXTURE_CONTENT, openTestDatabase, publishFixtureSop, type TestDatabase } from '../support/server-db.ts';
import { postJson, push, pushBody } from './http.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase({ demo: false });
  await t.db.execute(sql`CREATE FUNCTION fb_prop_fail() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
  await t.db.execute(
    sql`CREATE TRIGGER fb_prop_fail BEFORE INSERT ON push_batches FOR EACH ROW EXECUTE FUNCTION fb_prop_fail()`,
  );
  await t.db.execute(sql`ALTER TABLE push_batches DISABLE TRIGGER fb_prop_fail`);
});
afterAll(() => t.close());

const RunSpec = fc.record({
  a: fc.integer({ min: 1, max: 100_000 }),
  b: fc.integer({ min: 1, max: 100_000 }),
  reading: fc.integer({ min: 0, max: 30 }),
  flagC: fc.boolean(),
  pause: fc.integer({ min: 0, max: 50_000 }),
  end: fc.constantFrom('complete', 'abort', 'open'),
});
type RunSpec = typeof RunSpec extends fc.Arbitrary<infer T> ? T : never;

function buildRun(spec: RunSpec, firstDeviceSeq: number): RunEvent[] {
  const b = new RunBuilder(1_700_000_000_000, uuidv7(), firstDeviceSeq).start().step('a', spec.a);
  b.emit('step_started', { stepId: 'b' }).wait(spec.b);
  b.emit('reading_recorded', { stepId: 'b', value: spec.reading, unit: '°C' }).emit('step_completed', { stepId: 'b' });
  if (spec.pause > 0) b.emit('run_paused', {}).wait(spec.pause).emit('run_resumed', {});
  b.emit('step_started', { stepId: 'c' });
  if (spec.flagC) b.flag('c');
  b.wait(1_000).emit('step_completed', { stepId: 'c' });
  if (spec.end === 'complete') b.complete();
  if (spec.end === 'abort') b.abort();
  return b.events;
}

/** An event no server may accept: a copy of a valid one with a new id and a broken shape. */
const spoil = (event: RunEvent, how: number): unknown =>
  how % 2 === 0 ? { ...event, id: uuidv7(), type: 'step_teleported' } : { ...event, id: uuidv7(), v: 99 };

const Push = fc.record({
  picks: fc.array(fc.nat(), { maxLength: 15 }),
  fate: fc.constantFrom('answered', 'answered', 'lost', 'failed'),
});

const Scenario = fc.record({
  runs: fc.array(RunSpec, { minLength: 1, maxLength: 3 }),
  invalid: fc.array(fc.nat(), { maxLength: 4 }),
  pushes: fc.array(Push, { maxLength: 8 }),
});
type Scenario = typeof Scenario extends fc.Arbitrary<infer T> ? T : never;

const idOf = (event: unknown): string =>
  typeof event === 'object' && event !== null && 'id' in event ? String(event.id) : '';

async function pushOnce(batch: unknown[], fate: 'answered' | 'lost' | 'failed'): Promise<Set<string>> {
  if (fate === 'failed') {
    await t.db.execute(sql`ALTER TABLE push_batches ENABLE TRIGGER fb_prop_fail`);
    try {
      const res = await postJson(t.app, '/api/sync/push', pushBody(batch));
      expect(res.status).toBe(500);
    } finally {
      await t.db.execute(sql`ALTER TABLE push_batches DISABLE TRIGGER fb_prop_fail`);
    }
    return new Set();
  }
  const res = await push(t.app, batch);
  return fate === 'lost' ? new Set() : new Set(res.results.map((r) => r.id));
}

/** Plays the scenario as a device would, then drains what is still pending. */
async function play(scenario: Scenario, outbox: unknown[]): Promise<void> {
  let pending = outbox;
  for (const { picks, fate } of scenario.pushes) {
    if (pending.length === 0) break;
    const batch = picks.map((p) => pending[p % pending.length]);
    const answered = await pushOnce(batch, fate);
    pending = pending.filter((e) => !answered.has(idOf(e)));
  }
  while (pending.length > 0) {
    const answered = await pushOnce(pending.slice(0, 50), 'answered');
    pending = pending.filter((e) => !answered.has(idOf(e)));
  }
}

async function prepare(): Promise<string> {
  await t.reset();
  await t.db.execute(sql`TRUNCATE push_batches`);
  const [org] = await t.db.select({ id: orgs.id }).from(orgs);
  if (!org) throw new Error('no organisation');
  await publishFixtureSop(t.db, org.id, IDS.sop);
  return org.id;
}

async function expectDerivedAsShared(orgId: string, events: RunEvent[]) {
  await t.derived();
  const [run] = await t.db
    .select()
    .from(runs)
    .where(and(eq(runs.orgId, orgId), eq(runs.id, events[0]?.runId ?? '')));
  const expected = summarizeRun(events, FIXTURE_CONTENT);
  expect(run).toMatchObject({
    status: expected.state.status,
    durationMs: expected.totalMs,
    activeDurationMs: expected.activeMs,
    errored: expected.errored,
    flaggedSteps: expected.flaggedSteps,
  });
  const steps = await t.db
    .select({ stepId: stepExecutions.stepId, durationMs: stepExecutions.durationMs, flagged: stepExecutions.flagged })
    .from(stepExecutions)
    .where(eq(stepExecutions.runId, run?.id ?? ''))
    .orderBy(stepExecutions.position);
  expect(steps).toEqual(expected.steps.map((s) => ({ stepId: s.stepId, durationMs: s.totalMs, flagged: s.flagged })));
}

describe('any interleaving of pushes', () => {
  it('leaves exactly the valid events and the shared numbers', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await fc.assert(
        fc.asyncProperty(Scenario, async (scenario) => {
          const orgId = await prepare();
          let nextSeq = 1;
          const valid = scenario.runs.map((spec) => {
            const events = buildRun(spec, nextSeq);
            nextSeq += events.length;
            return events;
          });
          const all = valid.flat();
          const invalid = scenario.invalid.map((n) => spoil(all[n % all.length] as RunEvent, n));
          await play(scenario, [...all, ...invalid]);

          const stored = await t.db.select({ id: runEvents.id }).from(runEvents);
          expect(stored.map((r) => r.id).sort()).toEqual(all.map((e) => e.id).sort());
          const letters = new Set((await t.db.select().from(deadLetters)).map((l) => l.eventId));
          for (const bad of invalid) expect(letters.has(idOf(bad))).toBe(true);
          for (const events of valid) await expectDerivedAsShared(orgId, events);
        }),
        { numRuns: 25 },
      );
    } finally {
      quiet.mockRestore();
    }
  }, 120_000);
});
