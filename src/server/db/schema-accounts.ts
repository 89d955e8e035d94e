/**
 * Accounts, sessions, invites and the audit log.
 *
 * A member's profile (name, start date) is the `people` row of the same id
 * (schema-analytics.ts), so runs, onboarding and accounts name one person; `users` adds
 * what signing in needs: the email, the password hash and the access role.
 *
 * `org_id` leads every key like everywhere else (see schema.ts), with three deliberate
 * global unique indexes: an email, a session token hash and an invite token hash are
 * looked up BEFORE the organisation is known (that is how it becomes known). Tokens are
 * stored hashed (sha256 of 32 random bytes): a stolen database holds no usable session.
 */
import { sql } from 'drizzle-orm';
import { bigserial, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { AuditAction, Role } from '../../shared/auth.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

export const users = pgTable(
  'users',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    email: text('email').notNull(),
    /** `scrypt$N$r$p$salt$hash` (auth/password.ts): the parameters travel with the hash. */
    passwordHash: text('password_hash').notNull(),
    role: text('role').$type<Role>().notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('users_email_idx').on(sql`lower(${t.email})`)],
);

export const sessions = pgTable(
  'sessions',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    lastSeenAt: at('last_seen_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    userAgent: text('user_agent'),
    revokedAt: at('revoked_at'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('sessions_token_idx').on(t.tokenHash)],
);

export const invites = pgTable(
  'invites',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    tokenHash: text('token_hash').notNull(),
    role: text('role').$type<Role>().notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    acceptedAt: at('accepted_at'),
    acceptedBy: uuid('accepted_by'),
    revokedAt: at('revoked_at'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('invites_token_idx').on(t.tokenHash)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    orgId: uuid('org_id').notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    at: at('at').notNull().defaultNow(),
    action: text('action').$type<AuditAction>().notNull(),
    actorId: uuid('actor_id'),
    target: text('target'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);
