/**
 * One database per test FILE (PGlite initdb takes seconds, so never one per test):
 * in-memory PGlite by default, or, when TEST_DATABASE_URL is set (e.g.
 * postgres://postgres@127.0.0.1:5432/test), a fresh database `fieldbook_t_<random>`
 * created from that server and dropped afterwards. Both get the real migrations and the
 * real seed, so the same suites prove both drivers. `reset()` empties every table and
 * seeds again, between tests.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { CSRF_HEADER, CSRF_VALUE, type Role } from '../../src/shared/auth.ts';
import type { SopVersionContent } from '../../src/shared/sop.ts';
import { createAccount, setupOrganisation } from '../../src/server/auth/accounts.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import { ensureEpoch } from '../../src/server/db/server-meta.ts';
import { IDS } from './events.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { users } from '../../src/server/db/schema-accounts.ts';
import { createApp } from '../../src/server/app.ts';
import { Deriver } from '../../src/server/sync/deriver.ts';
import {
  type Database,
  type DatabaseHandle,
  MEMORY,
  openDatabase,
  type Queryable,
} from '../../src/server/db/connect.ts';
import { DEMO_ORG_ID, seedDatabase } from '../../src/server/seed.ts';
import { createSop, publishVersion } from '../../src/server/sops/publish.ts';

export type App = ReturnType<typeof createApp>;

export interface TestDatabase extends DatabaseHandle {
  /** The app as the organisation's owner: session cookie and CSRF header added to every request. */
  app: SignedInApp;
  /** The app with nothing added (for tests of sign-in, sessions and refusals). */
  rawApp: App;
  /** The app as the first member with this role (the demo has one of each). */
  as(role: Role): SignedInApp;
  /** Empties every table (the epoch stays) and seeds the default organisation again. */
  reset(): Promise<void>;
  /**
   * Waits until the runs pushes queued are derived (sync/deriver.ts): what a test that
   * reads `runs`, `step_executions` or the analytics tables directly calls first (reads
   * through the API derive what is queued themselves).
   */
  derived(): Promise<void>;
}

/** Every tenant table (server_meta, which holds the epoch, survives a reset). */
const TABLES = [
  'orgs',
  'sops',
  'sop_versions',
  'sop_drafts',
  'sop_reviews',
  'run_events',
  'runs',
  'step_executions',
  'derive_queue',
  'devices',
  'dead_letters',
  'push_batches',
  'photos',
  'sop_images',
  'people',
  'onboarding_tracks',
  'users',
  'sessions',
  'invites',
  'audit_log',
];

/** The owner the setup page creates when a test database has no demo. */
export const TEST_OWNER = {
  orgName: 'Test workshop',
  name: 'Test Owner',
  email: 'owner@test.example',
  password: 'owner-password-1',
};

/** The technician whose runs the event builders write (IDS.user), beside the seeded members. */
export const TEST_TECHNICIAN = {
  id: IDS.user,
  name: 'Test Technician',
  email: 'tech@test.example',
  password: 'tech-password-1',
};
let technicianHash: Promise<string> | null = null;

/** Seeds the organisation (the demo, or one made by the setup page) and adds TEST_TECHNICIAN to it. */
async function seedTestOrganisation(db: Database, options: { demo: boolean }): Promise<void> {
  await seedDatabase(db, options);
  const orgId = options.demo ? DEMO_ORG_ID : await setUpTestOwner(db);
  technicianHash ??= hashPassword(TEST_TECHNICIAN.password);
  const { password: _, ...technician } = TEST_TECHNICIAN;
  await createAccount(db, { ...technician, orgId, role: 'technician', passwordHash: await technicianHash });
}

async function setUpTestOwner(db: Database): Promise<string> {
  const result = await setupOrganisation(db, TEST_OWNER);
  if (result.status !== 'created') throw new Error('the test database already had an organisation');
  return result.orgId;
}

export async function resetTables(db: Database, options: { demo: boolean } = { demo: true }): Promise<void> {
  await db.execute(sql.raw(`TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY`));
  await seedTestOrganisation(db, options);
}

async function createPostgresDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `fieldbook_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Opens, migrates and seeds this file's database; close it in afterAll. */
export async function openTestDatabase(options: { demo: boolean } = { demo: true }): Promise<TestDatabase> {
  const baseUrl = process.env.TEST_DATABASE_URL;
  const created = baseUrl ? await createPostgresDatabase(baseUrl) : null;
  const handle = await openDatabase(created ? { databaseUrl: created.url } : { dataDir: MEMORY });
  await handle.migrate();
  await ensureEpoch(handle.db);
  await seedTestOrganisation(handle.db, options);
  const deriver = new Deriver(handle.db);
  const rawApp = createApp({ db: handle.db, kind: handle.kind, deriver });
  const sessions = new SessionCache(handle.db);
  return {
    ...handle,
    rawApp,
    app: signedIn(rawApp, () => sessions.tokenOf('owner')),
    as: (role) => signedIn(rawApp, () => sessions.tokenOf(role)),
    reset: async () => {
      sessions.clear();
      await deriver.drain();
      await resetTables(handle.db, options);
    },
    derived: () => deriver.drain(),
    close: async () => {
      await deriver.stop();
      await handle.close();
      await created?.drop();
    },
  };
}

/** Session tokens of the first member of each role, created on first use (directly, without signing in). */
class SessionCache {
  private readonly tokens = new Map<Role, Promise<string>>();
  constructor(private readonly db: Database) {}

  tokenOf(role: Role): Promise<string> {
    let token = this.tokens.get(role);
    if (!token) {
      token = this.create(role);
      this.tokens.set(role, token);
    }
    return token;
  }

  clear(): void {
    this.tokens.clear();
  }

  private async create(role: Role): Promise<string> {
    const [member] = await this.db
      .select({ orgId: users.orgId, id: users.id })
      .from(users)
      .where(eq(users.role, role))
      .orderBy(asc(users.createdAt))
      .limit(1);
    if (!member) throw new Error(`the test database has no ${role}`);
    return (await createSession(this.db, { orgId: member.orgId, userId: member.id })).token;
  }
}

export interface SignedInApp {
  request(input: string, init?: RequestInit): Promise<Response>;
}

/** Adds the session cookie and the CSRF header a signed-in browser page would send. */
export function signedIn(app: App, token: () => Promise<string>): SignedInApp {
  return {
    request: async (input, init = {}) => {
      const headers = new Headers(init.headers);
      headers.append('cookie', `fieldbook_session=${await token()}`);
      if (!headers.has(CSRF_HEADER)) headers.set(CSRF_HEADER, CSRF_VALUE);
      return app.request(input, { ...init, headers });
    },
  };
}

/** A small SOP for ingest tests: steps a, b (reading 10–20 °C) and c. */
export const FIXTURE_CONTENT: SopVersionContent = {
  mode: 'sequential',
  objective: { en: 'Fixture' },
  prerequisites: [],
  steps: [
    { id: 'a', kind: 'check', title: { en: 'A' }, critical: false },
    { id: 'b', kind: 'reading', title: { en: 'B' }, critical: true, unit: '°C', min: 10, max: 20 },
    { id: 'c', kind: 'check', title: { en: 'C' }, critical: false },
  ],
  acceptanceCriteria: [],
};

/** Publishes FIXTURE_CONTENT as version 1 (and more versions if asked) of SOP `sopId`. */
export async function publishFixtureSop(db: Queryable, orgId: string, sopId: string, versions = 1): Promise<void> {
  await db.transaction(async (tx) => {
    await createSop(tx, { orgId, id: sopId, title: { en: 'Fixture SOP' }, category: 'operational' });
    for (let version = 1; version <= versions; version++) {
      await publishVersion(tx, { orgId, sopId, version, content: FIXTURE_CONTENT, changeNote: `v${version}` });
    }
  });
}

/**
 * The database of a sync test file: opened once for the file (`use` receives it), emptied,
 * seeded and given the fixture SOP (version 1, in the demo organisation) before each test,
 * closed after the file.
 */
export function useFixtureDatabase(use: (t: TestDatabase) => void): void {
  let t: TestDatabase | undefined;
  beforeAll(async () => {
    t = await openTestDatabase();
    use(t);
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t?.reset();
    if (t) await publishFixtureSop(t.db, DEMO_ORG_ID, IDS.sop);
  });
}

/** How many migrations the server applies: the entries of drizzle-kit's journal. */
export const MIGRATION_COUNT: number = (
  JSON.parse(readFileSync(join(import.meta.dirname, '../../src/server/db/migrations/meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  }
).entries.length;
