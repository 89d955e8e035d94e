/**
 * The organisation every request acts for until accounts exist, created on first start.
 *
 * With the demo enabled, an empty database gets the demo organisation (fixed id
 * DEMO_ORG_ID) with the eight demo SOPs published as version 1. SOP ids are derived from
 * each demo SOP's `key` with UUIDv5 (RFC 9562: SHA-1 of a namespace and a name) under the
 * demo organisation's id, so tests, links and bookmarks stay stable across databases.
 * With the demo disabled, the organisation is an empty "My organisation".
 *
 * Seeding runs in one transaction under an advisory lock, so N servers starting together
 * on one PostgreSQL create one organisation, not N.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Queryable, Transaction } from './db/connect.ts';
import { orgs } from './db/schema.ts';
import { seedDemoHistory } from './demo/history-seed.ts';
import { DEMO_SOPS } from './demo/index.ts';
import { createSop, publishVersion } from './sops/publish.ts';

export const DEMO_ORG_ID = '0f1e1db0-0000-4000-8000-00000000de30';
export const DEMO_ORG_NAME = 'Atelier Martin';
export const EMPTY_ORG_NAME = 'My organisation';
/** Arbitrary constant naming the seed's advisory lock. */
const SEED_LOCK = 727_001;

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}

function formatUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** UUIDv5 of `name` in `namespace` (RFC 9562 §5.5). */
export function uuidv5(name: string, namespace: string): string {
  const hash = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest().subarray(0, 16);
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  return formatUuid(hash);
}

/** The stable id of the demo SOP with this key. */
export const demoSopId = (key: string): string => uuidv5(key, DEMO_ORG_ID);

async function seedDemo(tx: Transaction): Promise<void> {
  await tx.insert(orgs).values({ id: DEMO_ORG_ID, name: DEMO_ORG_NAME });
  for (const demo of DEMO_SOPS) {
    const sopId = demoSopId(demo.key);
    await createSop(tx, {
      orgId: DEMO_ORG_ID,
      id: sopId,
      title: demo.title,
      category: demo.category,
      reviewIntervalDays: demo.reviewIntervalDays,
    });
    await publishVersion(tx, {
      orgId: DEMO_ORG_ID,
      sopId,
      version: 1,
      content: demo.content,
      changeNote: demo.changeNote,
    });
  }
}

/**
 * Creates the default organisation if the database has none. Returns true if it did.
 * `history` adds six months of generated runs to the demo (first start of a server only:
 * tests that reset their tables leave it off).
 */
export async function seedDatabase(db: Queryable, options: { demo: boolean; history?: boolean }): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const [existing] = await tx.select({ id: orgs.id }).from(orgs).limit(1);
    if (existing) return false;
    if (!options.demo) {
      await tx.insert(orgs).values({ id: randomUUID(), name: EMPTY_ORG_NAME });
      return true;
    }
    await seedDemo(tx);
    if (options.history) await seedDemoHistory(tx, DEMO_ORG_ID, demoSopId);
    return true;
  });
}
