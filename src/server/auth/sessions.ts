/**
 * Server-side sessions: an opaque random token in an HttpOnly cookie, stored hashed.
 *
 * A session lasts SESSION_DAYS from its last use (sliding), is revocable one by one, and
 * `revokeOtherSessions` ends all but the current one (a password change). Finding the
 * session of a request is the step that TELLS which organisation the request belongs to,
 * so it reads across organisations, as the owner role, in the statement that then enters
 * the tenant scope; every other query of the request runs inside it (tenant-scope.ts).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Role, SessionInfo } from '../../shared/auth.ts';
import { int, queryRows, str } from '../analytics/sql-rows.ts';
import type { Queryable } from '../db/connect.ts';
import { tenantScopeOf } from './tenant-scope.ts';
import { sessions, users } from '../db/schema-accounts.ts';
import { hashToken, isTokenShape, newToken } from './tokens.ts';

export const SESSION_DAYS = 30;
const SESSION_MS = SESSION_DAYS * 24 * 3600_000;
/** A session's last use is written at most this often (not on every request). */
const TOUCH_EVERY_MS = 5 * 60_000;

export interface SessionUser {
  sessionId: string;
  orgId: string;
  userId: string;
  role: Role;
}

export async function createSession(
  db: Queryable,
  input: { orgId: string; userId: string; userAgent?: string | null | undefined },
): Promise<{ token: string; id: string; expiresAt: Date }> {
  const token = newToken();
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + SESSION_MS);
  await db.insert(sessions).values({
    orgId: input.orgId,
    id,
    userId: input.userId,
    tokenHash: hashToken(token),
    expiresAt,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, id, expiresAt };
}

/**
 * The live session of `token` with its member, or null (unknown, expired, revoked, member
 * gone). With `enterScope`, the same statement also switches the caller's transaction into
 * the tenant scope of the session's organisation (tenant-scope.ts): a request finds its
 * session and opens its scope in one round trip. The scope is entered only when a session
 * is found (set_config runs for the row found, none otherwise).
 *
 * The statement carries its values inline, not as parameters, so that on PostgreSQL the
 * transaction's deferred `begin` travels with it (db/deferred-begin.ts). They are safe as
 * literals: the hash of a token of the right shape (base64url), an ISO time and a role
 * name, quoted by Drizzle.
 */
export async function findSession(
  db: Queryable,
  token: string | undefined,
  now = new Date(),
  { enterScope = false } = {},
): Promise<SessionUser | null> {
  if (!token || !isTokenShape(token)) return null;
  const found = sql`select ${sessions.id} as session_id, ${sessions.orgId} as org_id,
      ${sessions.userId} as user_id, ${users.role} as role,
      (extract(epoch from ${sessions.lastSeenAt}) * 1000)::float8 as last_seen_ms
      ${enterScope ? sql`, ${tenantScopeOf(sessions.orgId)} as scoped` : sql``}
    from ${sessions} inner join ${users} on ${users.orgId} = ${sessions.orgId} and ${users.id} = ${sessions.userId}
    where ${sessions.tokenHash} = ${hashToken(token)} and ${sessions.revokedAt} is null
      and ${sessions.expiresAt} > ${now.toISOString()}::timestamptz`;
  const [row] = await queryRows(db, found.inlineParams());
  if (!row) return null;
  const session = {
    sessionId: str(row.session_id),
    orgId: str(row.org_id),
    userId: str(row.user_id),
    role: str(row.role) as Role,
  };
  if (now.getTime() - int(row.last_seen_ms) > TOUCH_EVERY_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_MS) })
      .where(and(eq(sessions.orgId, session.orgId), eq(sessions.id, session.sessionId)));
  }
  return session;
}

export async function listSessions(db: Queryable, user: SessionUser, now = new Date()): Promise<SessionInfo[]> {
  const rows = await db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.orgId, user.orgId),
        eq(sessions.userId, user.userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
      ),
    )
    .orderBy(sql`${sessions.lastSeenAt} desc`);
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt.getTime(),
    lastSeenAt: r.lastSeenAt.getTime(),
    expiresAt: r.expiresAt.getTime(),
    userAgent: r.userAgent,
    current: r.id === user.sessionId,
  }));
}

/** Revokes one of the member's own sessions; false if there is no such live session. */
export async function revokeSession(db: Queryable, user: SessionUser, sessionId: string): Promise<boolean> {
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(sessions.orgId, user.orgId),
        eq(sessions.userId, user.userId),
        eq(sessions.id, sessionId),
        isNull(sessions.revokedAt),
      ),
    )
    .returning({ id: sessions.id });
  return revoked.length > 0;
}

export async function revokeOtherSessions(db: Queryable, user: SessionUser): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(sessions.orgId, user.orgId),
        eq(sessions.userId, user.userId),
        ne(sessions.id, user.sessionId),
        isNull(sessions.revokedAt),
      ),
    );
}
