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
import type { SopVersionContent } from '../../src/shared/sop.ts';
import { createApp } from '../../src/server/app.ts';
import { type DatabaseHandle, MEMORY, openDatabase, type Queryable } from '../../src/server/db/connect.ts';
import { prepareDatabase } from '../../src/server/db/prepare.ts';
import { seedDatabase } from '../../src/server/seed.ts';
import { createSop, publishVersion } from '../../src/server/sops/publish.ts';

export interface TestDatabase extends DatabaseHandle {
  app: ReturnType<typeof createApp>;
  /** Empties every table (the epoch stays) and seeds the default organisation again. */
  reset(): Promise<void>;
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
  'devices',
  'dead_letters',
  'push_batches',
  'photos',
  'sop_images',
  'people',
  'onboarding_tracks',
];

export async function resetTables(db: Queryable, options: { demo: boolean } = { demo: true }): Promise<void> {
  await db.execute(sql.raw(`TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY`));
  await seedDatabase(db, options);
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
  await prepareDatabase(handle, options);
  return {
    ...handle,
    app: createApp({ db: handle.db, kind: handle.kind }),
    reset: () => resetTables(handle.db, options),
    close: async () => {
      await handle.close();
      await created?.drop();
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

/** How many migrations the server applies: the entries of drizzle-kit's journal. */
export const MIGRATION_COUNT: number = (
  JSON.parse(readFileSync(join(import.meta.dirname, '../../src/server/db/migrations/meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  }
).entries.length;
