/**
 * The organisation's people, for owners: members and their roles, invites (create, list,
 * revoke) and the audit log; plus the public side of an invite link (preview, accept).
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import {
  AcceptInviteRequest,
  type CreatedInvite,
  CreateInviteRequest,
  invitePath,
  RoleChangeRequest,
} from '../../shared/auth.ts';
import { changeRole, listMembers, readMember } from '../auth/accounts.ts';
import { listAudit, recordAudit } from '../auth/audit.ts';
import { insecure, signInAs } from '../auth/routes.ts';
import { respondError } from '../http/api-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { clientIp } from '../http/client-ip.ts';
import { jsonBody } from '../http/json-body.ts';
import { acceptInvite, createInvite, type InviteProblem, listInvites, previewInvite, revokeInvite } from './invites.ts';
import { uuidParam } from '../http/uuid-param.ts';

const PROBLEM_MESSAGES: Record<InviteProblem | 'email_taken', string> = {
  not_found: 'This invite link is not valid.',
  invite_expired: 'This invite has expired: ask for a new one.',
  invite_used: 'This invite was already used.',
  invite_revoked: 'This invite was withdrawn.',
  email_taken: 'An account already uses this email.',
};

function inviteProblem(c: Context, problem: InviteProblem | 'email_taken') {
  const message = PROBLEM_MESSAGES[problem];
  if (problem === 'not_found') return respondError(c, 404, problem, message);
  if (problem === 'email_taken') return respondError(c, 409, problem, message);
  return respondError(c, 410, problem, message);
}

const idParam = (c: Context): string | null => uuidParam(c, 'id');

export function memberRoutes(deps: AppDeps) {
  const trustProxy = deps.trustProxy ?? false;
  return new Hono<AppEnv>()
    .get('/api/members', async (c) => c.json({ members: await listMembers(c.var.db, c.var.orgId) }, 200))
    .patch('/api/members/:id', jsonBody(RoleChangeRequest), async (c) => {
      const id = idParam(c);
      const { db, user } = c.var;
      const { role } = c.req.valid('json');
      const before = id ? await readMember(db, user.orgId, id) : null;
      if (!id || !before) return respondError(c, 404, 'not_found', 'No member with this id.');
      const result = await changeRole(db, user.orgId, before, role);
      if (result === 'last_owner') {
        return respondError(c, 409, 'last_owner', 'The organisation needs at least one owner.');
      }
      if (before.role !== role) {
        await recordAudit(db, {
          orgId: user.orgId,
          actorId: user.userId,
          action: 'role_changed',
          target: id,
          detail: { from: before.role, to: role },
          ip: clientIp(c, trustProxy),
        });
      }
      return c.json({ ...before, role }, 200);
    })
    .get('/api/invites', async (c) => c.json({ invites: await listInvites(c.var.db, c.var.orgId) }, 200))
    .post('/api/invites', jsonBody(CreateInviteRequest), async (c) => {
      const { db, user } = c.var;
      const { role } = c.req.valid('json');
      const { invite, token } = await createInvite(db, { orgId: user.orgId, role, createdBy: user.userId });
      await recordAudit(db, {
        orgId: user.orgId,
        actorId: user.userId,
        action: 'invite_created',
        target: invite.id,
        detail: { role },
        ip: clientIp(c, trustProxy),
      });
      const url = new URL(invitePath(token), c.req.url).href;
      return c.json({ invite, token, url } satisfies CreatedInvite, 201);
    })
    .delete('/api/invites/:id', async (c) => {
      const id = idParam(c);
      const { db, user } = c.var;
      if (!id || !(await revokeInvite(db, user.orgId, id))) {
        return respondError(c, 404, 'not_found', 'No pending invite with this id.');
      }
      await recordAudit(db, { orgId: user.orgId, actorId: user.userId, action: 'invite_revoked', target: id });
      return c.body(null, 204);
    })
    .get('/api/audit', async (c) => c.json({ entries: await listAudit(c.var.db, c.var.orgId) }, 200))
    .get('/api/invites/by-token/:token', async (c) => {
      const result = await previewInvite(deps.db, c.req.param('token'));
      if ('problem' in result) return inviteProblem(c, result.problem);
      return c.json(result.preview, 200);
    })
    .post('/api/invites/by-token/:token/accept', jsonBody(AcceptInviteRequest), async (c) => {
      if (insecure(c, deps)) return respondError(c, 403, 'https_required', 'Open the invite link over https.');
      const result = await acceptInvite(deps.db, c.req.param('token'), c.req.valid('json'));
      if ('problem' in result) return inviteProblem(c, result.problem);
      const who = { orgId: result.orgId, userId: result.userId };
      await recordAudit(deps.db, {
        ...who,
        actorId: result.userId,
        action: 'invite_accepted',
        target: result.inviteId,
        detail: { role: result.role },
        ip: clientIp(c, trustProxy),
      });
      return signInAs(c, deps, deps.db, who, 201);
    });
}
