/** A request body that arrives slowly must not hold the database (http/body-limits.ts). */
import { describe, expect, it } from 'vitest';
import { runEvents } from '../support/events.ts';
import { type TestDatabase, useFixtureDatabase } from '../support/server-db.ts';
import { pushBody, twoPartBody, url } from './http.ts';

let t: TestDatabase;
useFixtureDatabase((opened) => {
  t = opened;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a push uploaded slowly, as from a phone on a weak network', () => {
  it('lets other requests use the database while its body arrives, then is stored', async () => {
    const bytes = new TextEncoder().encode(
      JSON.stringify(pushBody(runEvents((b) => b.start().step('a', 1000).complete()))),
    );
    const { body, sendRest } = twoPartBody(bytes, 100);
    // A browser's fetch of a JSON text declares its length, so nothing buffers it early.
    const slow = t.app.request(url('/api/sync/push'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) },
      body,
      duplex: 'half',
    } as RequestInit);
    await sleep(100);
    const other = await Promise.race([
      t.app.request(url('/api/sync/pull')).then((res) => res.status),
      sleep(5_000).then(() => 'still waiting for the upload'),
    ]);
    expect(other).toBe(200);
    sendRest();
    const res = await slow;
    expect(res.status).toBe(200);
    expect(
      ((await res.json()) as { results: { status: string }[] }).results.every((r) => r.status === 'accepted'),
    ).toBe(true);
  });
});
