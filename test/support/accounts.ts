/** Server-test helpers for a second organisation and for sessions of any member. */
import { randomUUID } from 'node:crypto';
import type { Role } from '../../src/shared/auth.ts';
import { createAccount } from '../../src/server/auth/accounts.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import type { Database } from '../../src/server/db/connect.ts';
import { orgs } from '../../src/server/db/schema.ts';
import { type App, type SignedInApp, signedIn } from './server-db.ts';

export interface Member {
  orgId: string;
  userId: string;
}

/** Adds a member to an organisation (no password hashing cost: a fixed dummy hash). */
export async function addMember(db: Database, orgId: string, role: Role, name = `${role} ${randomUUID().slice(0, 4)}`) {
  const email = `${randomUUID()}@test.example`;
  const userId = await createAccount(db, { orgId, name, email, role, passwordHash: 'scrypt$1$1$1$x$x' });
  return { orgId, userId };
}

/** Another organisation with its own owner: what isolation tests try to reach across. */
export async function addOrganisation(db: Database, name = 'Other workshop'): Promise<Member> {
  const orgId = randomUUID();
  await db.insert(orgs).values({ id: orgId, name });
  return addMember(db, orgId, 'owner');
}

/** The app as `member`, through a real session (cookie + CSRF header on every request). */
export function appAs(app: App, db: Database, member: Member): SignedInApp {
  let token: Promise<string> | null = null;
  return signedIn(app, () => {
    token ??= createSession(db, member).then((s) => s.token);
    return token;
  });
}
