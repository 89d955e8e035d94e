/**
 * Members' accounts: creating one (a `people` profile and a `users` login of the same id,
 * in one transaction), reading the signed-in Account, finding a login by email, and the
 * first-start setup that creates the organisation with its owner.
 *
 * `findLoginByEmail` and `setupOrganisation` run before any organisation is known, on the
 * owner connection; everything else takes the request's tenant-scoped handle.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Account, Member, Role, SetupRequest } from '../../shared/auth.ts';
import type { Database, Queryable } from '../db/connect.ts';
import { people } from '../db/schema-analytics.ts';
import { users } from '../db/schema-accounts.ts';
import { orgs } from '../db/schema.ts';
import { hashPassword } from './password.ts';

/** Arbitrary constant naming the setup's advisory lock (two setups at once make one organisation). */
const SETUP_LOCK = 727_002;

export const today = (now = new Date()): string => now.toISOString().slice(0, 10);

/** The profile role analytics shows: an invited technician is a new hire in onboarding. */
const profileRole = (role: Role): 'owner' | 'technician' | 'new_hire' =>
  role === 'owner' ? 'owner' : role === 'technician' ? 'new_hire' : 'technician';

/** A new account's secret: the password, or its hash when the caller hashed it already. */
type Secret = { password: string; passwordHash?: undefined } | { passwordHash: string; password?: undefined };

export type NewAccount = Secret & {
  orgId: string;
  id?: string | undefined;
  name: string;
  email: string;
  role: Role;
  startDate?: string | undefined;
};

export async function emailTaken(db: Queryable, email: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return row !== undefined;
}

/** Creates the profile (unless it exists, e.g. a demo person with history) and the login. */
export async function createAccount(db: Queryable, account: NewAccount): Promise<string> {
  const id = account.id ?? randomUUID();
  const passwordHash = account.passwordHash ?? (await hashPassword(account.password));
  await db
    .insert(people)
    .values({
      orgId: account.orgId,
      id,
      name: account.name,
      role: profileRole(account.role),
      startDate: account.startDate ?? today(),
    })
    .onConflictDoNothing();
  await db
    .insert(users)
    .values({ orgId: account.orgId, id, email: account.email.trim(), passwordHash, role: account.role });
  return id;
}

export interface Login {
  orgId: string;
  id: string;
  passwordHash: string;
}

/** The login of this email in any organisation (sign-in: how the organisation becomes known). */
export async function findLoginByEmail(db: Database, email: string): Promise<Login | null> {
  const [row] = await db
    .select({ orgId: users.orgId, id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email.trim()})`);
  return row ?? null;
}

export async function readPasswordHash(db: Queryable, orgId: string, id: string): Promise<string | null> {
  const [row] = await db
    .select({ hash: users.passwordHash })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, id)));
  return row?.hash ?? null;
}

export async function setPasswordHash(db: Queryable, orgId: string, id: string, passwordHash: string): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash })
    .where(and(eq(users.orgId, orgId), eq(users.id, id)));
}

const memberColumns = {
  id: users.id,
  name: people.name,
  email: users.email,
  role: users.role,
  startDate: people.startDate,
};

function membersQuery(db: Queryable, orgId: string) {
  return db
    .select(memberColumns)
    .from(users)
    .innerJoin(people, and(eq(people.orgId, users.orgId), eq(people.id, users.id)))
    .where(eq(users.orgId, orgId))
    .$dynamic();
}

export async function listMembers(db: Queryable, orgId: string): Promise<Member[]> {
  return membersQuery(db, orgId).orderBy(people.name);
}

export async function readMember(db: Queryable, orgId: string, id: string): Promise<Member | null> {
  const [row] = await membersQuery(db, orgId).where(and(eq(users.orgId, orgId), eq(users.id, id)));
  return row ?? null;
}

export async function readAccount(db: Queryable, orgId: string, id: string): Promise<Account | null> {
  const member = await readMember(db, orgId, id);
  if (!member) return null;
  const [org] = await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, orgId));
  return { ...member, orgId, orgName: org?.name ?? '' };
}

/** Changes the role of `member` (as just read); the organisation's last owner cannot stop being one. */
export async function changeRole(
  db: Queryable,
  orgId: string,
  member: Member,
  role: Role,
): Promise<'changed' | 'last_owner'> {
  if (member.role === 'owner' && role !== 'owner') {
    const [count] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(and(eq(users.orgId, orgId), eq(users.role, 'owner')));
    if ((count?.n ?? 0) <= 1) return 'last_owner';
  }
  await db
    .update(users)
    .set({ role })
    .where(and(eq(users.orgId, orgId), eq(users.id, member.id)));
  return 'changed';
}

/** Whether the server still has no organisation (first start without the demo). */
export async function setupNeeded(db: Database): Promise<boolean> {
  const [org] = await db.select({ id: orgs.id }).from(orgs).limit(1);
  return org === undefined;
}

/** First start: creates the organisation and its owner, unless one already exists. */
export async function setupOrganisation(
  db: Database,
  request: SetupRequest,
): Promise<{ status: 'created'; orgId: string; userId: string } | { status: 'already_set_up' }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK})`);
    const [existing] = await tx.select({ id: orgs.id }).from(orgs).limit(1);
    if (existing) return { status: 'already_set_up' as const };
    const orgId = randomUUID();
    await tx.insert(orgs).values({ id: orgId, name: request.orgName.trim() });
    const userId = await createAccount(tx, { ...request, orgId, role: 'owner' });
    return { status: 'created' as const, orgId, userId };
  });
}
