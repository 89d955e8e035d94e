/**
 * Signing in and out, the first-start setup, and the signed-in member's own account
 * (who am I, my sessions, my password). Sign-in is rate-limited per account and per
 * address (sign-in-throttle.ts) and answers the same `invalid_credentials` whether the
 * email is unknown or the password wrong, after the same amount of hashing work.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { ChangePasswordRequest, type MeResponse, SetupRequest, SignInRequest } from '../../shared/auth.ts';
import { isUuid } from '../../shared/sop.ts';
import { respondError } from '../http/api-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { clientIp } from '../http/client-ip.ts';
import { jsonBody } from '../http/json-body.ts';
import type { Queryable } from '../db/connect.ts';
import {
  findLoginByEmail,
  readAccount,
  readPasswordHash,
  setPasswordHash,
  setupNeeded,
  setupOrganisation,
} from './accounts.ts';
import { recordAudit } from './audit.ts';
import { decoyHash, hashPassword, verifyPassword } from './password.ts';
import { clearSessionCookie, isHttps, isLocalHost, writeSessionCookie } from './session-cookie.ts';
import { createSession, listSessions, revokeOtherSessions, revokeSession } from './sessions.ts';
import { ACCOUNT_POLICY, ADDRESS_POLICY, Throttle } from './sign-in-throttle.ts';

/** Opens a session for the member and answers with their account (signed in). */
export async function signInAs(
  c: Context,
  deps: AppDeps,
  db: Queryable,
  who: { orgId: string; userId: string },
  status: 200 | 201,
) {
  const session = await createSession(db, { ...who, userAgent: c.req.header('user-agent') });
  writeSessionCookie(c, session.token, session.expiresAt, deps.trustProxy ?? false);
  const account = await readAccount(db, who.orgId, who.userId);
  if (!account) throw new Error('the account just signed in has no profile');
  return c.json({ account } satisfies MeResponse, status);
}

/** Sessions travel in clear over plain http: only a localhost (a developer's machine) may do that. */
export const insecure = (c: Context, deps: AppDeps) => !isHttps(c, deps.trustProxy ?? false) && !isLocalHost(c);

const tooMany = (c: Context, waitMs: number) => {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  c.header('Retry-After', String(seconds));
  return respondError(c, 429, 'too_many_attempts', `Too many failed sign-ins: try again in ${seconds} s.`);
};

export function authRoutes(deps: AppDeps) {
  const throttles = { account: new Throttle(ACCOUNT_POLICY), address: new Throttle(ADDRESS_POLICY) };
  const trustProxy = deps.trustProxy ?? false;

  return new Hono<AppEnv>()
    .get('/api/setup', async (c) => c.json({ setupNeeded: await setupNeeded(deps.db) }, 200))
    .post('/api/setup', jsonBody(SetupRequest), async (c) => {
      if (insecure(c, deps)) return respondError(c, 403, 'https_required', 'Open Fieldbook over https to set it up.');
      const result = await setupOrganisation(deps.db, c.req.valid('json'));
      if (result.status === 'already_set_up') {
        return respondError(c, 409, 'already_set_up', 'This server already has its organisation: sign in.');
      }
      const who = { orgId: result.orgId, userId: result.userId };
      await recordAudit(deps.db, { ...who, actorId: who.userId, action: 'org_created', ip: clientIp(c, trustProxy) });
      return signInAs(c, deps, deps.db, who, 201);
    })
    .post('/api/auth/sign-in', jsonBody(SignInRequest), async (c) => {
      if (insecure(c, deps)) return respondError(c, 403, 'https_required', 'Open Fieldbook over https to sign in.');
      const { email, password } = c.req.valid('json');
      const ip = clientIp(c, trustProxy);
      const accountKey = email.trim().toLowerCase();
      const wait = Math.max(throttles.account.waitMs(accountKey), throttles.address.waitMs(ip));
      if (wait > 0) return tooMany(c, wait);
      const login = await findLoginByEmail(deps.db, email);
      const ok = await verifyPassword(password, login?.passwordHash ?? (await decoyHash()));
      if (!login || !ok) {
        throttles.account.fail(accountKey);
        throttles.address.fail(ip);
        if (login) {
          await recordAudit(deps.db, { orgId: login.orgId, action: 'sign_in_failed', target: accountKey, ip });
        }
        return respondError(c, 401, 'invalid_credentials', 'Wrong email or password.');
      }
      throttles.account.clear(accountKey);
      const who = { orgId: login.orgId, userId: login.id };
      await recordAudit(deps.db, { ...who, actorId: login.id, action: 'sign_in', ip });
      return signInAs(c, deps, deps.db, who, 200);
    })
    .get('/api/auth/me', async (c) => {
      const account = await readAccount(c.var.db, c.var.orgId, c.var.user.userId);
      if (!account) return respondError(c, 401, 'unauthenticated', 'Sign in to continue.');
      return c.json({ account } satisfies MeResponse, 200);
    })
    .post('/api/auth/sign-out', async (c) => {
      const { db, user } = c.var;
      await revokeSession(db, user, user.sessionId);
      await recordAudit(db, {
        orgId: user.orgId,
        actorId: user.userId,
        action: 'sign_out',
        ip: clientIp(c, trustProxy),
      });
      clearSessionCookie(c, trustProxy);
      return c.body(null, 204);
    })
    .get('/api/auth/sessions', async (c) => c.json({ sessions: await listSessions(c.var.db, c.var.user) }, 200))
    .delete('/api/auth/sessions/:id', async (c) => {
      const id = c.req.param('id');
      const { db, user } = c.var;
      if (!isUuid(id) || !(await revokeSession(db, user, id))) {
        return respondError(c, 404, 'not_found', 'No such session of yours.');
      }
      await recordAudit(db, { orgId: user.orgId, actorId: user.userId, action: 'session_revoked', target: id });
      return c.body(null, 204);
    })
    .post('/api/auth/password', jsonBody(ChangePasswordRequest), async (c) => {
      const { db, user } = c.var;
      const { currentPassword, newPassword } = c.req.valid('json');
      const stored = await readPasswordHash(db, user.orgId, user.userId);
      if (!stored || !(await verifyPassword(currentPassword, stored))) {
        return respondError(c, 401, 'invalid_credentials', 'The current password is wrong.');
      }
      await setPasswordHash(db, user.orgId, user.userId, await hashPassword(newPassword));
      await revokeOtherSessions(db, user);
      await recordAudit(db, {
        orgId: user.orgId,
        actorId: user.userId,
        action: 'password_changed',
        ip: clientIp(c, trustProxy),
      });
      return c.body(null, 204);
    });
}
