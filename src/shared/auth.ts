/**
 * The accounts API's bodies (/api/auth, /api/setup, /api/members, /api/invites,
 * /api/audit), shared by the server's validators and the client.
 *
 * Sessions travel as an HttpOnly cookie the page never sees; every state-changing
 * request (anything but GET/HEAD/OPTIONS) must also carry CSRF_HEADER, which a
 * cross-site form or image cannot set, and an Origin of the server's own site when the
 * browser sends one.
 *
 * Roles: `owner` (everything, including members and analytics), `author` (write and
 * publish SOPs, see analytics), `technician` (run SOPs, see their own runs).
 */
import * as z from 'zod/mini';
import { EpochMs, Uuid } from './sop.ts';

export { CSRF_HEADER, CSRF_VALUE } from './csrf.ts';

export const ROLES = ['owner', 'author', 'technician'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** A calendar date, `YYYY-MM-DD` (a new hire's first day: the onboarding clock). */
export const CalendarDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
export const Password = z.string().check(z.minLength(PASSWORD_MIN), z.maxLength(PASSWORD_MAX));
export const Email = z.string().check(z.maxLength(254), z.regex(/^[^\s@]+@[^\s@]+$/));
export const PersonName = z.string().check(z.minLength(1), z.maxLength(200));
export const OrgName = z.string().check(z.minLength(1), z.maxLength(200));

/** The signed-in person, as the device caches it to keep working offline. */
export const Account = z.object({
  id: Uuid,
  orgId: Uuid,
  orgName: z.string(),
  name: z.string(),
  email: z.string(),
  role: Role,
  startDate: CalendarDate,
});
export type Account = z.infer<typeof Account>;

/** GET /api/auth/me, and the answer of sign-in, setup and invite acceptance. */
export const MeResponse = z.object({ account: Account });
export type MeResponse = z.infer<typeof MeResponse>;

/** GET /api/setup (public): does this server still need its first organisation? */
export const SetupState = z.object({ setupNeeded: z.boolean() });
export type SetupState = z.infer<typeof SetupState>;

/** POST /api/setup (public, only while setupNeeded): the organisation and its owner. */
export const SetupRequest = z.object({ orgName: OrgName, name: PersonName, email: Email, password: Password });
export type SetupRequest = z.infer<typeof SetupRequest>;

/** POST /api/auth/sign-in (public). */
export const SignInRequest = z.object({
  email: z.string().check(z.maxLength(254)),
  password: z.string().check(z.maxLength(PASSWORD_MAX)),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

/** POST /api/auth/password: changing it signs out every other session. */
export const ChangePasswordRequest = z.object({
  currentPassword: z.string().check(z.maxLength(PASSWORD_MAX)),
  newPassword: Password,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** GET /api/auth/sessions: the signed-in person's sessions; DELETE /api/auth/sessions/:id revokes one. */
export const SessionInfo = z.object({
  id: Uuid,
  createdAt: EpochMs,
  lastSeenAt: EpochMs,
  expiresAt: EpochMs,
  userAgent: z.nullable(z.string()),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;
export const SessionList = z.object({ sessions: z.array(SessionInfo) });
export type SessionList = z.infer<typeof SessionList>;

/** GET /api/members (owner); PATCH /api/members/:id with RoleChangeRequest (owner). */
export const Member = z.object({
  id: Uuid,
  name: z.string(),
  email: z.string(),
  role: Role,
  startDate: CalendarDate,
});
export type Member = z.infer<typeof Member>;
export const MemberList = z.object({ members: z.array(Member) });
export type MemberList = z.infer<typeof MemberList>;
export const RoleChangeRequest = z.object({ role: Role });
export type RoleChangeRequest = z.infer<typeof RoleChangeRequest>;

/** Invites: single use, valid INVITE_DAYS, revocable. */
export const INVITE_DAYS = 7;
export const InviteStatus = z.enum(['pending', 'accepted', 'expired', 'revoked']);
export type InviteStatus = z.infer<typeof InviteStatus>;
export const Invite = z.object({
  id: Uuid,
  role: Role,
  createdAt: EpochMs,
  expiresAt: EpochMs,
  status: InviteStatus,
});
export type Invite = z.infer<typeof Invite>;
/** POST /api/invites (owner) → 201 CreatedInvite: the only time the link (with its token) exists in clear. */
export const CreateInviteRequest = z.object({ role: Role });
export type CreateInviteRequest = z.infer<typeof CreateInviteRequest>;
export const CreatedInvite = z.object({ invite: Invite, token: z.string(), url: z.string() });
export type CreatedInvite = z.infer<typeof CreatedInvite>;
/** GET /api/invites (owner); DELETE /api/invites/:id revokes (owner). */
export const InviteList = z.object({ invites: z.array(Invite) });
export type InviteList = z.infer<typeof InviteList>;
/** GET /api/invites/by-token/:token (public): what the join page shows before accepting. */
export const InvitePreview = z.object({ orgName: z.string(), role: Role, expiresAt: EpochMs });
export type InvitePreview = z.infer<typeof InvitePreview>;
/** POST /api/invites/by-token/:token/accept (public) → 201 MeResponse, signed in. */
export const AcceptInviteRequest = z.object({ name: PersonName, email: Email, password: Password });
export type AcceptInviteRequest = z.infer<typeof AcceptInviteRequest>;

/** The path of the join page an invite link opens (client route `/join/$token`). */
export const invitePath = (token: string) => `/join/${token}`;

/** GET /api/audit (owner): security-relevant acts, newest first. */
export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'password_changed',
  'session_revoked',
  'org_created',
  'invite_created',
  'invite_revoked',
  'invite_accepted',
  'role_changed',
  'sop_published',
  'sop_archived',
  'sop_unarchived',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;
export const AuditEntry = z.object({
  id: z.int(),
  at: EpochMs,
  action: AuditAction,
  actorId: z.nullable(Uuid),
  actorName: z.nullable(z.string()),
  /** What the act was about: a member, an invite, a SOP, an email that failed to sign in… */
  target: z.nullable(z.string()),
  detail: z.record(z.string(), z.unknown()),
  ip: z.nullable(z.string()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditList = z.object({ entries: z.array(AuditEntry) });
export type AuditList = z.infer<typeof AuditList>;

/**
 * Machine-readable refusals of the accounts API (ApiError.error):
 * 401 `unauthenticated` (no session, or it expired or was revoked: sign in again);
 * 401 `invalid_credentials`; 403 `forbidden` (the role may not); 403 `csrf_rejected`;
 * 403 `https_required` (sign-in over plain http other than localhost);
 * 429 `too_many_attempts` (with Retry-After); 409 `already_set_up`; 409 `email_taken`;
 * 410 `invite_expired` | `invite_used` | `invite_revoked`; 409 `last_owner` (the only owner
 * cannot lose the role).
 */
export const AUTH_ERRORS = [
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'csrf_rejected',
  'https_required',
  'too_many_attempts',
  'already_set_up',
  'email_taken',
  'invite_expired',
  'invite_used',
  'invite_revoked',
  'last_owner',
] as const;
