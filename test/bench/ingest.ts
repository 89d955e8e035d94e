/**
 * Ingest throughput: one device draining ~10 000 queued events (1 000 runs) through the
 * HTTP API — the real app on @hono/node-server on a port, batches of MAX_PUSH_EVENTS sent
 * one after the other as the client does, gzipped answers accepted — against the raw rate
 * of inserting the same rows directly, in the same run and on the same database engine:
 *   - multi-row `INSERT … ON CONFLICT DO NOTHING`, at the best of RAW_ROWS_PER_STATEMENT
 *     rows per statement: PostgreSQL 15 inserts a VALUES list of 250 to 500 rows fastest
 *     and slows down sharply above (about 32 000 events/s at 750 rows, 21 000 at 1 000,
 *     against 50 000 at 500 on the reference machine), so comparing the API with the raw
 *     insert at the API's own batch size would flatter the API;
 *   - `COPY … FROM STDIN` with CSV, one COPY per batch: through pg-copy-streams on
 *     PostgreSQL, through PGlite's /dev/blob on PGlite.
 * Both are measured warm: each first runs untimed on a full round of another device's
 * runs, as a long-running server would have compiled its code long before; then rounds of
 * API and raw side by side, each figure being the median of the rounds (BENCH_VERBOSE=1
 * prints every round).
 * The device is a process of its own (push-device.ts), sending with node:http on a
 * keep-alive connection: the figure is the server's, and a device sharing the server's
 * thread would add its own serialising and checking to every batch.
 * Engines: PostgreSQL at 127.0.0.1:5432 (a fresh temporary database, dropped after) and
 * in-memory PGlite. The ratio API / raw INSERT has a goal of ≥ 0.5: the API validates,
 * hashes, dead-letters, checks run owners, queues runs for derivation and reports coverage
 * besides inserting. The rate is that of acknowledgements (what a device waits for); the
 * deriver runs as on a real server (once the pushes pause, or 2 s after one), and the
 * rate until the last run is derived is reported beside it (`-api-derived`).
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type ChildProcess, fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { serve } from '@hono/node-server';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CSRF_HEADER, CSRF_VALUE } from '../../src/shared/csrf.ts';
import { createApp } from '../../src/server/app.ts';
import { createAccount, setupOrganisation } from '../../src/server/auth/accounts.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { type Database, type DatabaseHandle, postgresDatabase } from '../../src/server/db/connect.ts';
import { prepareDatabase } from '../../src/server/db/prepare.ts';
import { Deriver } from '../../src/server/sync/deriver.ts';
import * as schema from '../../src/server/db/schema.ts';
import { eventHash } from '../../src/server/sync/event-check.ts';
import type { RunEvent } from '../../src/shared/events.ts';
import type { DeviceMessage, PushJob } from './push-device.ts';
import { median } from '../../src/shared/percentile.ts';
import { MAX_PUSH_EVENTS } from '../../src/shared/sync.ts';
import { uuidv7 } from '../../src/shared/uuid.ts';
import { IDS, RunBuilder } from '../support/events.ts';
import { publishFixtureSop } from '../support/server-db.ts';
import type { BenchEntry } from './results.ts';

const RUNS = 1_000;
/** Rows per raw INSERT statement tried each round; the raw rate is the best of them. */
const RAW_ROWS_PER_STATEMENT = [...new Set([250, 500, MAX_PUSH_EVENTS])];
/** Measured rounds per engine; each figure is the median of the rounds. */
const ROUNDS = 7;
/** Runs pushed (and inserted) before timing, so that the code is compiled and warm. */
const WARM_UP_RUNS = RUNS;
const WARM_UP_DEVICE = '0190a000-0000-7000-8000-0000000000aa';
const migrationsFolder = fileURLToPath(new URL('../../src/server/db/migrations', import.meta.url));
const COLUMNS = [
  'org_id',
  'id',
  'run_id',
  'seq',
  'device_id',
  'device_seq',
  'v',
  'type',
  'at',
  'mono',
  'page_load_id',
  'payload',
  'payload_hash',
  'received_at',
  'estimated_at',
] as const;

/** One device's outbox: `runs` runs of ~10 events, device sequence 1…n. */
function outbox(runs = RUNS, deviceId: string = IDS.device): RunEvent[] {
  const events: RunEvent[] = [];
  for (let i = 0; i < runs; i++) {
    const b = new RunBuilder(1_700_000_000_000 + i * 600_000, uuidv7(), events.length + 1);
    b.emit('run_started', { sopId: IDS.sop, sopVersion: 1, userId: IDS.user, deviceId, training: false });
    b.step('a', 30_000);
    b.emit('step_started', { stepId: 'b' }).wait(5_000);
    b.emit('reading_recorded', { stepId: 'b', value: 10 + (i % 15), unit: '°C' }).emit('step_completed', {
      stepId: 'b',
    });
    if (i % 7 === 0) b.flag('c');
    events.push(...b.step('c', 20_000).complete().events);
  }
  return events;
}

interface Engine {
  id: 'postgres' | 'pglite';
  handle: DatabaseHandle;
  /** Runs one SQL statement with parameters on the raw driver. */
  query(text: string, params: unknown[]): Promise<unknown>;
  /** COPY `csv` into run_events (columns COLUMNS). */
  copy(csv: string): Promise<unknown>;
}

async function pgliteEngine(): Promise<Engine> {
  const client = new PGlite();
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  const handle: DatabaseHandle = {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(drizzlePglite({ client, schema }), { migrationsFolder }),
    close: () => client.close(),
  };
  return {
    id: 'pglite',
    handle,
    query: (text, params) => client.query(text, params),
    copy: (csv) =>
      client.query(`COPY run_events (${COLUMNS.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
        blob: new Blob([csv]),
      }),
  };
}

async function postgresEngine(baseUrl: string): Promise<Engine> {
  const name = `fieldbook_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 10 });
  const db = postgresDatabase(pool);
  const handle: DatabaseHandle = {
    db,
    kind: 'postgres',
    migrate: () => migratePg(db, { migrationsFolder }),
    close: async () => {
      await pool.end();
      const drop = new pg.Client({ connectionString: baseUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
  return {
    id: 'postgres',
    handle,
    query: (text, params) => pool.query(text, params),
    copy: async (csv) => {
      const client = await pool.connect();
      try {
        const stream = client.query(copyFrom(`COPY run_events (${COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
        await pipeline(Readable.from([csv]), stream);
      } finally {
        client.release();
      }
    },
  };
}

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

interface ApiRates {
  /** Events per second acknowledged (the device's view: stored, safe to forget). */
  acked: number;
  /** Events per second until the last run's derived rows and summaries were written too. */
  derived: number;
}

/** The bench device's next message (push-device.ts); a failure or its exit rejects. */
function nextMessage(device: ChildProcess): Promise<DeviceMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: DeviceMessage) => {
      device.off('exit', onExit);
      if (message.kind === 'failed') reject(new Error(`the bench device failed: ${message.reason}`));
      else resolve(message);
    };
    const onExit = (code: number | null) => {
      device.off('message', onMessage);
      reject(new Error(`the bench device exited (${code})`));
    };
    device.once('message', onMessage);
    device.once('exit', onExit);
  });
}

/**
 * Pushes through the HTTP API, batch after batch, with the server's background deriver
 * running as in production (woken by each push, deriving once the pushes pause).
 */
async function apiRate(
  engine: Engine,
  device: ChildProcess,
  cookie: string,
  events: RunEvent[],
  deviceId: string = IDS.device,
): Promise<ApiRates> {
  const deriver = new Deriver(engine.handle.db);
  const app = createApp({ db: engine.handle.db, kind: engine.handle.kind, deriver });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  try {
    const job: PushJob = { port, headers: { cookie, [CSRF_HEADER]: CSRF_VALUE }, deviceId, events };
    const ready = nextMessage(device);
    device.send(job);
    await ready; // the outbox is on the device
    const done = nextMessage(device);
    const t0 = performance.now();
    device.send('go');
    await done; // the last batch is acknowledged
    const acked = performance.now() - t0;
    await deriver.drain();
    const derived = performance.now() - t0;
    return { acked: events.length / (acked / 1000), derived: events.length / (derived / 1000) };
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await deriver.stop();
  }
}

function rowValues(orgId: string, e: RunEvent, receivedAt: Date): unknown[] {
  const payload = JSON.stringify(e.payload);
  return [
    orgId,
    e.id,
    e.runId,
    e.seq,
    IDS.device,
    e.deviceSeq,
    e.v,
    e.type,
    e.at,
    e.mono,
    e.pageLoadId,
    payload,
  ].concat([eventHash(e), receivedAt.toISOString(), e.at]);
}

/** Events per second inserted with one multi-row INSERT … ON CONFLICT DO NOTHING per `size` rows. */
async function insertRate(engine: Engine, orgId: string, events: RunEvent[], size: number): Promise<number> {
  const rows = events.map((e) => rowValues(orgId, e, new Date()));
  const t0 = performance.now();
  for (const batch of chunks(rows, size)) {
    const tuples = batch.map((_, r) => `(${COLUMNS.map((__, c) => `$${r * COLUMNS.length + c + 1}`).join(', ')})`);
    await engine.query(
      `INSERT INTO run_events (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (org_id, id) DO NOTHING`,
      batch.flat(),
    );
  }
  return events.length / ((performance.now() - t0) / 1000);
}

const csvField = (value: unknown) => `"${String(value).replaceAll('"', '""')}"`;

/** Events per second loaded with COPY from CSV, one COPY per batch of MAX_PUSH_EVENTS rows. */
async function copyRate(engine: Engine, orgId: string, events: RunEvent[]): Promise<number> {
  const rows = events.map((e) => rowValues(orgId, e, new Date()));
  const t0 = performance.now();
  for (const batch of chunks(rows, MAX_PUSH_EVENTS)) {
    await engine.copy(batch.map((row) => row.map(csvField).join(',')).join('\n'));
  }
  return events.length / ((performance.now() - t0) / 1000);
}

/** An organisation (made as the setup page makes it) whose technician IDS.user pushes; their session cookie. */
async function organisationWithTechnician(engine: Engine): Promise<{ orgId: string; cookie: string }> {
  const { db } = engine.handle;
  const setup = await setupOrganisation(db, {
    orgName: 'Bench',
    name: 'Owner',
    email: 'owner@bench.example',
    password: 'bench-password',
  });
  if (setup.status !== 'created') throw new Error('the bench database already had an organisation');
  const { orgId } = setup;
  await createAccount(db, {
    orgId,
    id: IDS.user,
    name: 'Tech',
    email: 'tech@bench.example',
    role: 'technician',
    password: 'bench-password',
  });
  const session = await createSession(db, { orgId, userId: IDS.user });
  return { orgId, cookie: `fieldbook_session=${session.token}` };
}

/** The device of measured round `round` (each round pushes new runs from a new device). */
const roundDevice = (round: number) => `0190a000-0000-7000-8000-0000000000b${round}`;

/** Measures `engine`, pushing from `device` (push-device.ts). */
async function measure(engine: Engine, device: ChildProcess): Promise<BenchEntry[]> {
  await prepareDatabase(engine.handle, { demo: false });
  const { orgId, cookie } = await organisationWithTechnician(engine);
  await publishFixtureSop(engine.handle.db, orgId, IDS.sop);
  // Both paths first run untimed on another device's events: a process's first requests
  // also pay for compiling the code they run, which a long-running server pays once.
  const warmUp = outbox(WARM_UP_RUNS, WARM_UP_DEVICE);
  await apiRate(engine, device, cookie, warmUp, WARM_UP_DEVICE);
  await engine.query('TRUNCATE run_events', []);
  for (const size of RAW_ROWS_PER_STATEMENT) {
    await insertRate(engine, orgId, warmUp, size);
    await engine.query('TRUNCATE run_events', []);
  }
  await copyRate(engine, orgId, warmUp);
  await engine.query('TRUNCATE run_events', []);
  // Rounds of API then raw, side by side: the ratio is the median of the rounds' ratios,
  // so a slow moment of a shared machine weighs on one round, not on one side.
  const rounds: { api: ApiRates; insert: number; insertRows: number; copy: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const events = outbox(RUNS, roundDevice(round));
    const api = await apiRate(engine, device, cookie, events, roundDevice(round));
    await engine.query('TRUNCATE run_events', []);
    let insert = 0;
    let insertRows = 0;
    for (const size of RAW_ROWS_PER_STATEMENT) {
      const rate = await insertRate(engine, orgId, events, size);
      await engine.query('TRUNCATE run_events', []);
      if (rate > insert) [insert, insertRows] = [rate, size];
    }
    const copy = await copyRate(engine, orgId, events);
    await engine.query('TRUNCATE run_events', []);
    rounds.push({ api, insert, insertRows, copy });
    if (process.env.BENCH_VERBOSE)
      console.log(
        engine.id,
        round,
        Math.round(api.acked),
        `${Math.round(insert)} (${insertRows} rows)`,
        Math.round(copy),
        (api.acked / insert).toFixed(2),
      );
  }
  const id = `ingest-${engine.id}`;
  const of = (pick: (r: (typeof rounds)[number]) => number) => median(rounds.map(pick)) ?? 0;
  const entries: BenchEntry[] = [
    { id: `${id}-api`, value: of((r) => r.api.acked), unit: 'events/s', budget: null, better: 'higher' },
    { id: `${id}-api-derived`, value: of((r) => r.api.derived), unit: 'events/s', budget: null, better: 'higher' },
    { id: `${id}-raw-insert`, value: of((r) => r.insert), unit: 'events/s', budget: null, better: 'higher' },
    {
      id: `${id}-raw-insert-rows`,
      value: of((r) => r.insertRows),
      unit: 'rows/statement',
      budget: null,
      better: 'higher',
    },
    { id: `${id}-raw-copy`, value: of((r) => r.copy), unit: 'events/s', budget: null, better: 'higher' },
    {
      id: `${id}-api-vs-insert`,
      value: of((r) => r.api.acked / r.insert),
      unit: 'ratio',
      budget: 0.5,
      better: 'higher',
    },
    {
      id: `${id}-api-derived-vs-insert`,
      value: of((r) => r.api.derived / r.insert),
      unit: 'ratio',
      budget: null,
      better: 'higher',
    },
  ];
  return entries;
}

/** PostgreSQL (if reachable at `baseUrl`) and PGlite, one after the other. */
export async function ingestBenchmarks(
  baseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
): Promise<BenchEntry[]> {
  const entries: BenchEntry[] = [];
  const engines: [Engine['id'], () => Promise<Engine>][] = [
    ['postgres', () => postgresEngine(baseUrl)],
    ['pglite', pgliteEngine],
  ];
  // BENCH_ENGINE=postgres (or pglite) measures that engine only.
  const only = process.env.BENCH_ENGINE;
  for (const [, open] of engines.filter(([id]) => !only || id === only)) {
    const engine = await open();
    const device = fork(fileURLToPath(new URL('./push-device.ts', import.meta.url)));
    try {
      entries.push(...(await measure(engine, device)));
    } finally {
      device.kill();
      await engine.handle.close();
    }
  }
  return entries;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { formatTable } = await import('./results.ts');
  console.log(formatTable(await ingestBenchmarks()));
}
