/**
 * The real server on a socket with an on-disk PGlite: lock ownership, draining in-flight
 * requests on stop, closing the database, and the entry point's SIGTERM. These always use
 * PGlite (the lock is PGlite's concern), whatever TEST_DATABASE_URL says.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/server/db/data-dir-lock.ts';
import { openDatabase } from '../../src/server/db/connect.ts';
import { orgs } from '../../src/server/db/schema.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { DEMO_ORG_ID, demoAccountId, demoSopId } from '../../src/server/seed.ts';
import { CSRF_HEADER, CSRF_VALUE } from '../../src/shared/auth.ts';
import { type RunningServer, startServer } from '../../src/server/server.ts';
import { Health, PushResponse } from '../../src/shared/sync.ts';
import { runEvents } from '../support/events.ts';
import { pushBody, twoPartBody } from './http.ts';
import { MIGRATION_COUNT } from '../support/server-db.ts';

const root = join(import.meta.dirname, '../..');
let dataDir: string;
let server: RunningServer;
let epoch: string;

const config = () => ({
  port: 0,
  host: '127.0.0.1',
  databaseUrl: undefined,
  dataDir,
  staticDir: join(dataDir, 'no-client-here'),
  demo: true,
});

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'fieldbook-server-'));
  // A lock left by a crashed server (pid far above any real one: no such process).
  writeFileSync(join(dataDir, LOCK_FILE), '999999999\n');
  server = await startServer(config(), 2_000);
});
afterAll(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const lockPid = () => readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim();

/** A push whose body is sent in two parts, the second only when `finish()` is called. */
async function slowPush(url: string) {
  const session = await createSession(server.database.db, { orgId: DEMO_ORG_ID, userId: demoAccountId('owner') });
  const body = new TextEncoder().encode(
    JSON.stringify(pushBody(runEvents((b) => b.start({ sopId: demoSopId('customer-reception') })))),
  );
  const { body: stream, sendRest } = twoPartBody(body, 10);
  const response = fetch(`${url}/api/sync/push`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: `fieldbook_session=${session.token}`,
      [CSRF_HEADER]: CSRF_VALUE,
    },
    body: stream,
    duplex: 'half',
  } as RequestInit);
  return { response, finish: sendRest };
}

describe('a running server', () => {
  it('took over the stale lock and answers over HTTP', async () => {
    expect(lockPid()).toBe(String(process.pid));
    const health = Health.parse(await (await fetch(`${server.url}/api/health`)).json());
    expect(health).toMatchObject({ database: 'pglite', migrations: MIGRATION_COUNT });
    epoch = health.epoch;
  });

  it('keeps a second opener out of its data directory', async () => {
    await expect(openDatabase({ dataDir })).rejects.toThrow(
      `data directory ${dataDir} is in use by another Fieldbook server (pid ${process.pid})`,
    );
  });

  it('on stop, finishes the request in flight, then closes the database and removes the lock', async () => {
    const slow = await slowPush(server.url);
    await new Promise((r) => setTimeout(r, 200));
    let stopped = false;
    const stopping = server.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(stopped).toBe(false);
    slow.finish();
    const res = await slow.response;
    expect(res.status).toBe(200);
    expect(PushResponse.parse(await res.json()).results).toEqual([expect.objectContaining({ status: 'accepted' })]);
    await stopping;
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    await expect(server.database.db.select().from(orgs)).rejects.toThrow();
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  });

  it('reopens the same data with the same epoch, without migrating or seeding again', async () => {
    server = await startServer(config(), 2_000);
    const health = Health.parse(await (await fetch(`${server.url}/api/health`)).json());
    expect(health).toMatchObject({ epoch, migrations: MIGRATION_COUNT });
    expect(await server.database.db.select().from(orgs)).toHaveLength(1);
    await server.stop();
  });
});

describe('the entry point', () => {
  it('logs its URL, and exits 0 on SIGTERM leaving no lock behind', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', FIELDBOOK_DATA_DIR: dataDir, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += String(d);
    });
    child.stderr.on('data', (d) => {
      output += String(d);
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 20_000;
    while (!/listening/.test(output) && Date.now() < deadline && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const url = /Fieldbook listening on (http:\/\/127\.0\.0\.1:\d+) \(database: pglite\)/.exec(output)?.[1];
    expect(url, output).toBeDefined();
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });
});
