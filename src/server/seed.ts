/**
 * The demo organisation, created on first start when the demo is enabled.
 *
 * An empty database gets the demo organisation (fixed id DEMO_ORG_ID) with the eight demo
 * SOPs published as version 1 and one account per role (owner, author, technician) whose
 * random passwords are printed once in the server's start-up log. SOP ids are derived from
 * each demo SOP's `key` with UUIDv5 (RFC 9562: SHA-1 of a namespace and a name) under the
 * demo organisation's id, so tests, links and bookmarks stay stable across databases.
 * With the demo disabled, the first visit opens the setup page instead.
 *
 * Seeding runs in one transaction under an advisory lock, so N servers starting together
 * on one PostgreSQL create one organisation, not N.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Queryable, Transaction } from './db/connect.ts';
import type { Role } from '../shared/auth.ts';
import { createAccount } from './auth/accounts.ts';
import { hashPassword } from './auth/password.ts';
import { orgs } from './db/schema.ts';
import { personId } from './demo/history-cast.ts';
import { seedDemoHistory } from './demo/history-seed.ts';
import { DEMO_SOPS } from './demo/index.ts';
import { createSop, publishVersion } from './sops/publish.ts';

export const DEMO_ORG_ID = '0f1e1db0-0000-4000-8000-00000000de30';
export const DEMO_ORG_NAME = 'Atelier Martin';
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

export interface DemoCredential {
  role: Role;
  name: string;
  email: string;
  password: string;
}

/** One demo account per role; the owner and the technician are people of the demo history. */
const DEMO_ACCOUNTS: readonly Omit<DemoCredential, 'password'>[] = [
  { role: 'owner', name: 'Camille Martin', email: 'camille@atelier-martin.example' },
  { role: 'author', name: 'Nadia Perrin', email: 'nadia@atelier-martin.example' },
  { role: 'technician', name: 'Julien Roche', email: 'julien@atelier-martin.example' },
];
export const DEMO_AUTHOR_ID = '0f1e1db0-0000-4000-8000-0000000000c1';
export const demoAccountId = (role: Role): string =>
  role === 'owner' ? personId('camille') : role === 'author' ? DEMO_AUTHOR_ID : personId('julien');

async function seedDemoAccounts(tx: Transaction): Promise<DemoCredential[]> {
  // Random per database and printed once at start-up: a demo reachable on a network has no known password.
  const credentials = DEMO_ACCOUNTS.map((account) => ({ ...account, password: randomBytes(9).toString('base64url') }));
  // Hashed in parallel (scrypt runs on the thread pool), inserted in order.
  const hashes = await Promise.all(credentials.map((c) => hashPassword(c.password)));
  for (const [i, { password: _, ...account }] of credentials.entries()) {
    const passwordHash = hashes[i] ?? '';
    await createAccount(tx, { ...account, orgId: DEMO_ORG_ID, id: demoAccountId(account.role), passwordHash });
  }
  return credentials;
}

export interface SeedResult {
  /** Whether this call created the organisation (false: the database already had one). */
  created: boolean;
  /** The demo accounts' credentials, only when they were just created. */
  credentials: DemoCredential[];
}

/**
 * Creates the demo organisation with one account per role if the database has none and
 * the demo is enabled; without the demo an empty database waits for the first-start
 * setup page (auth/accounts.ts setupOrganisation). `history` adds six months of generated
 * runs to the demo (first start of a server only: tests that reset their tables leave it
 * off).
 */
export async function seedDatabase(db: Queryable, options: { demo: boolean; history?: boolean }): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const [existing] = await tx.select({ id: orgs.id }).from(orgs).limit(1);
    if (existing || !options.demo) return { created: false, credentials: [] };
    await seedDemo(tx);
    const credentials = await seedDemoAccounts(tx);
    if (options.history) await seedDemoHistory(tx, DEMO_ORG_ID, demoSopId);
    return { created: true, credentials };
  });
}
