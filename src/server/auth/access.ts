/**
 * Who may call what: ONE table of every API route and the least role it needs, enforced by
 * one middleware for the whole API (deny by default: a route missing from the table
 * answers 403 to everyone, and test/server/access-matrix.test.ts fails on it).
 *
 * - `public`: no session (health, first-start setup, sign-in, invite links).
 * - `member`: any signed-in member (technicians run SOPs, sync, see their own runs).
 * - `author`: authors and owners (write and publish SOPs, analytics).
 * - `owner`: owners only (members, invites, audit log, onboarding tracks).
 *
 * Finer rules that depend on the object (a technician sees only their own runs and
 * photos, pushes only their own runs' events) live with the handlers that load it.
 */
import type { Role } from '../../shared/auth.ts';

export type Access = 'public' | 'member' | 'author' | 'owner';

export const ROUTE_ACCESS: Readonly<Record<string, Access>> = {
  'GET /api/health': 'public',
  'GET /api/setup': 'public',
  'POST /api/setup': 'public',
  'POST /api/auth/sign-in': 'public',
  'GET /api/invites/by-token/:token': 'public',
  'POST /api/invites/by-token/:token/accept': 'public',

  'GET /api/auth/me': 'member',
  'POST /api/auth/sign-out': 'member',
  'GET /api/auth/sessions': 'member',
  'DELETE /api/auth/sessions/:id': 'member',
  'POST /api/auth/password': 'member',
  'GET /api/sync/pull': 'member',
  'POST /api/sync/push': 'member',
  'PUT /api/photos/:photoId': 'member',
  'GET /api/photos/:photoId': 'member',
  'GET /api/runs/:id': 'member',
  'GET /api/sops': 'member',
  'GET /api/sops/:id': 'member',
  'GET /api/sops/:id/versions/:version': 'member',
  'GET /media/sop-images/:imageId': 'member',

  'POST /api/sops': 'author',
  'POST /api/sops/import': 'author',
  'POST /api/sops/:id/images': 'author',
  'GET /api/sops/:id/draft': 'author',
  'PUT /api/sops/:id/draft': 'author',
  'POST /api/sops/:id/publish': 'author',
  'POST /api/sops/:id/review': 'author',
  'POST /api/sops/:id/archive': 'author',
  'POST /api/sops/:id/unarchive': 'author',
  'GET /api/sops/:id/diff': 'author',
  'GET /api/sops/:id/export': 'author',
  'GET /api/analytics/overview': 'author',
  'GET /api/analytics/sops/:sopId': 'author',
  'GET /api/analytics/sops/:sopId/compare': 'author',
  'GET /api/analytics/sops/:sopId/export/:what': 'author',
  'GET /api/analytics/runs/:runId/timeline': 'author',
  'GET /api/analytics/onboarding': 'author',
  'GET /api/analytics/people': 'author',

  'PUT /api/analytics/people/:personId': 'owner',
  'PUT /api/analytics/people/:personId/track': 'owner',
  'GET /api/members': 'owner',
  'PATCH /api/members/:id': 'owner',
  'GET /api/invites': 'owner',
  'POST /api/invites': 'owner',
  'DELETE /api/invites/:id': 'owner',
  'GET /api/audit': 'owner',
};

const RANK: Record<Role, number> = { technician: 0, author: 1, owner: 2 };
const NEEDED: Record<Exclude<Access, 'public'>, number> = { member: 0, author: 1, owner: 2 };

export const allows = (access: Exclude<Access, 'public'>, role: Role): boolean => RANK[role] >= NEEDED[access];

export const accessKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
