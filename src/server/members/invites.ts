/**
 * Invites for new hires: an owner creates one for a role; it is a link carrying a random
 * token (stored hashed), single use, valid INVITE_DAYS, revocable. Accepting it creates
 * the account and sets the person's start date to the day they join (the onboarding
 * clock). The checks and the account creation run in one transaction with the invite
 * row locked, so two people opening the same link cannot both join.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import {
  type AcceptInviteRequest,
  INVITE_DAYS,
  type Invite,
  type InvitePreview,
  type InviteStatus,
  type Role,
} from '../../shared/auth.ts';
import { createAccount, emailTaken, today } from '../auth/accounts.ts';
import { hashToken, isTokenShape, newToken } from '../auth/tokens.ts';
import type { Database, Queryable } from '../db/connect.ts';
import { invites } from '../db/schema-accounts.ts';
import { orgs } from '../db/schema.ts';

type InviteRow = typeof invites.$inferSelect;

function statusOf(row: InviteRow, now: Date): InviteStatus {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt <= now ? 'expired' : 'pending';
}

const toInvite = (row: InviteRow, now: Date): Invite => ({
  id: row.id,
  role: row.role,
  createdAt: row.createdAt.getTime(),
  expiresAt: row.expiresAt.getTime(),
  status: statusOf(row, now),
});

export async function createInvite(
  db: Queryable,
  input: { orgId: string; role: Role; createdBy: string },
  now = new Date(),
): Promise<{ invite: Invite; token: string }> {
  const token = newToken();
  const [row] = await db
    .insert(invites)
    .values({
      orgId: input.orgId,
      id: randomUUID(),
      tokenHash: hashToken(token),
      role: input.role,
      createdBy: input.createdBy,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITE_DAYS * 24 * 3600_000),
    })
    .returning();
  if (!row) throw new Error('invite insert returned nothing');
  return { invite: toInvite(row, now), token };
}

export async function listInvites(db: Queryable, orgId: string, now = new Date()): Promise<Invite[]> {
  const rows = await db.select().from(invites).where(eq(invites.orgId, orgId)).orderBy(desc(invites.createdAt));
  return rows.map((row) => toInvite(row, now));
}

/** Revokes a pending invite; false if there is none with this id (or it was already used). */
export async function revokeInvite(db: Queryable, orgId: string, id: string): Promise<boolean> {
  const [row] = await db
    .select()
    .from(invites)
    .where(and(eq(invites.orgId, orgId), eq(invites.id, id)));
  if (!row || row.acceptedAt) return false;
  if (!row.revokedAt) {
    await db
      .update(invites)
      .set({ revokedAt: new Date() })
      .where(and(eq(invites.orgId, orgId), eq(invites.id, id)));
  }
  return true;
}

export type InviteProblem = 'not_found' | 'invite_expired' | 'invite_used' | 'invite_revoked';

const problemOf = (row: InviteRow | undefined, now: Date): InviteProblem | null => {
  if (!row) return 'not_found';
  const status = statusOf(row, now);
  if (status === 'accepted') return 'invite_used';
  if (status === 'revoked') return 'invite_revoked';
  if (status === 'expired') return 'invite_expired';
  return null;
};

async function findByToken(db: Queryable, token: string, lock: boolean): Promise<InviteRow | undefined> {
  if (!isTokenShape(token)) return undefined;
  const query = db
    .select()
    .from(invites)
    .where(eq(invites.tokenHash, hashToken(token)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** What the join page shows (public: the token is the permission). */
export async function previewInvite(
  db: Database,
  token: string,
  now = new Date(),
): Promise<{ problem: InviteProblem } | { preview: InvitePreview }> {
  const row = await findByToken(db, token, false);
  const problem = problemOf(row, now);
  if (problem || !row) return { problem: problem ?? 'not_found' };
  const [org] = await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, row.orgId));
  return { preview: { orgName: org?.name ?? '', role: row.role, expiresAt: row.expiresAt.getTime() } };
}

export async function acceptInvite(
  db: Database,
  token: string,
  request: AcceptInviteRequest,
  now = new Date(),
): Promise<
  { problem: InviteProblem | 'email_taken' } | { orgId: string; userId: string; inviteId: string; role: Role }
> {
  return db.transaction(async (tx) => {
    const row = await findByToken(tx, token, true);
    const problem = problemOf(row, now);
    if (problem || !row) return { problem: problem ?? 'not_found' };
    if (await emailTaken(tx, request.email)) return { problem: 'email_taken' as const };
    const userId = await createAccount(tx, { ...request, orgId: row.orgId, role: row.role, startDate: today(now) });
    await tx
      .update(invites)
      .set({ acceptedAt: now, acceptedBy: userId })
      .where(and(eq(invites.orgId, row.orgId), eq(invites.id, row.id)));
    return { orgId: row.orgId, userId, inviteId: row.id, role: row.role };
  });
}
