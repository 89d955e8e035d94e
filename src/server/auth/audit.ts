/**
 * The audit log of security-relevant acts (sign-ins, invites, role changes, publishing,
 * archiving…), visible to owners. An entry is written in the same transaction as the act
 * it records, so the log never claims an act that was rolled back, nor misses one.
 */
import { and, desc, eq, lt } from 'drizzle-orm';
import type { AuditAction, AuditEntry } from '../../shared/auth.ts';
import type { Queryable } from '../db/connect.ts';
import { people } from '../db/schema-analytics.ts';
import { auditLog } from '../db/schema-accounts.ts';

export interface AuditInput {
  orgId: string;
  action: AuditAction;
  actorId?: string | null | undefined;
  target?: string | null | undefined;
  detail?: Record<string, unknown> | undefined;
  ip?: string | null | undefined;
}

export async function recordAudit(db: Queryable, entry: AuditInput): Promise<void> {
  await db.insert(auditLog).values({
    orgId: entry.orgId,
    action: entry.action,
    actorId: entry.actorId ?? null,
    target: entry.target?.slice(0, 300) ?? null,
    detail: entry.detail ?? {},
    ip: entry.ip ?? null,
  });
}

/** Newest first, `limit` at a time; `before` pages back by id. */
export async function listAudit(db: Queryable, orgId: string, limit = 200, before?: number): Promise<AuditEntry[]> {
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      actorId: auditLog.actorId,
      actorName: people.name,
      target: auditLog.target,
      detail: auditLog.detail,
      ip: auditLog.ip,
    })
    .from(auditLog)
    .leftJoin(people, and(eq(people.orgId, auditLog.orgId), eq(people.id, auditLog.actorId)))
    .where(and(eq(auditLog.orgId, orgId), before === undefined ? undefined : lt(auditLog.id, before)))
    .orderBy(desc(auditLog.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, at: r.at.getTime() }));
}
