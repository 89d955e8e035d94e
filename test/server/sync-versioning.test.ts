/**
 * Wire versioning (issue item 8): a `protocol` per request, a `v` per event. Guards
 * against an event from a newer (or long-gone) app failing the batch or the server: it is
 * refused alone with `unsupported_event_version` and kept raw; today v1 upgrades to the
 * current shape as the identity. An unsupported protocol is answered 426 with the range.
 */
import { describe, expect, it } from 'vitest';
import { deadLetters } from '../../src/server/db/schema.ts';
import { upgradeEvent } from '../../src/server/sync/upgrade-event.ts';
import { EVENT_SCHEMA_VERSION } from '../../src/shared/events.ts';
import { MIN_PROTOCOL_VERSION, PROTOCOL_VERSION } from '../../src/shared/sync.ts';
import { runEvents } from '../support/events.ts';
import { type TestDatabase, useFixtureDatabase } from '../support/server-db.ts';
import { postJson, push, pushBody, statuses } from './http.ts';

let t: TestDatabase;
useFixtureDatabase((opened) => {
  t = opened;
});

const events = () => runEvents((b) => b.start().step('a', 1_000).complete());

describe('event versions', () => {
  it('upgrades v1 to the current shape as the identity', () => {
    const [event] = events();
    expect(EVENT_SCHEMA_VERSION).toBe(1);
    expect(upgradeEvent(event)).toEqual({ ok: true, event });
  });

  it.each([2, 0, -1])('refuses an event of version %i alone, with a clear code, and keeps it raw', async (v) => {
    const [start, stepStarted, ...rest] = events();
    const future = { ...stepStarted, v, payload: { stepId: 'a', hologram: true } };
    const res = await push(t.app, [start, future, ...rest]);
    expect(statuses(res)).toEqual(['accepted', 'rejected:unsupported_event_version', 'accepted', 'accepted']);
    expect(res.results[1]).toMatchObject({ id: stepStarted?.id, message: expect.stringMatching(/version/) });
    const letters = await t.db.select().from(deadLetters);
    expect(letters).toMatchObject([{ code: 'unsupported_event_version', eventId: stepStarted?.id, raw: future }]);
  });

  it('leaves a malformed `v` to validation (invalid_event), never a 500', async () => {
    const [start] = events();
    const res = await push(t.app, [
      { ...start, v: '1' },
      { ...start, v: 1.5 },
    ]);
    expect(statuses(res)).toEqual(['rejected:invalid_event', 'rejected:invalid_event']);
  });
});

describe('protocol versions', () => {
  it('answers 426 with the minimum and maximum protocol for one it does not speak', async () => {
    const res = await postJson(t.app, '/api/sync/push', pushBody(events(), { protocol: PROTOCOL_VERSION + 1 }));
    expect(res.status).toBe(426);
    expect(await res.json()).toEqual({
      error: 'unsupported_protocol',
      message: expect.any(String),
      minimum: MIN_PROTOCOL_VERSION,
      maximum: PROTOCOL_VERSION,
    });
  });
});
