/**
 * Every API and media route, enumerated from the app itself, called with no session, as each role of
 * the demo organisation, and as the owner of another organisation: only the combinations
 * the access table allows get through. A route added without an entry here fails the
 * first test, so no endpoint can ship without its permissions being decided and checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_ACCESS, type Access } from '../../src/server/auth/access.ts';
import { GUARDED_PREFIXES } from '../../src/server/auth/guard.ts';
import { DEMO_ORG_ID, demoAccountId, demoSopId } from '../../src/server/seed.ts';
import type { Role } from '../../src/shared/auth.ts';
import { ApiError } from '../../src/shared/sync.ts';
import { uuidv7 } from '../../src/shared/uuid.ts';
import { addOrganisation, appAs, type Member } from '../support/accounts.ts';
import { IDS, RunBuilder } from '../support/events.ts';
import { openTestDatabase, type SignedInApp, signedIn, type TestDatabase } from '../support/server-db.ts';
import { pushBody, url } from './http.ts';

const SOP = demoSopId('customer-reception');
const RUN = IDS.run;
const PERSON = IDS.user;
const ANY = '0190a000-0000-7000-8000-0000000000ff';

/**
 * How to call each route: a path with ids of the demo organisation, a body, and what the
 * owner of ANOTHER organisation must get: `404` for an object of the demo organisation
 * (never a hint that it exists), `own` for a collection or a creation, which must succeed
 * and show nothing of the demo organisation.
 */
interface Call {
  path: string;
  body?: unknown;
  raw?: { type: string; data: Uint8Array<ArrayBuffer> };
  crossOrg: '404' | 'own' | 'public';
}

const CALLS: Record<string, Call> = {
  'GET /api/health': { path: '/api/health', crossOrg: 'public' },
  'GET /api/setup': { path: '/api/setup', crossOrg: 'public' },
  'POST /api/setup': {
    path: '/api/setup',
    body: { orgName: 'X', name: 'X', email: 'x@x.example', password: 'long enough' },
    crossOrg: 'public',
  },
  'POST /api/auth/sign-in': {
    path: '/api/auth/sign-in',
    body: { email: 'no@x.example', password: 'x' },
    crossOrg: 'public',
  },
  'GET /api/invites/by-token/:token': { path: `/api/invites/by-token/${'a'.repeat(43)}`, crossOrg: 'public' },
  'POST /api/invites/by-token/:token/accept': {
    path: `/api/invites/by-token/${'a'.repeat(43)}/accept`,
    body: { name: 'X', email: 'y@x.example', password: 'long enough' },
    crossOrg: 'public',
  },
  'GET /api/auth/me': { path: '/api/auth/me', crossOrg: 'own' },
  'POST /api/auth/sign-out': { path: '/api/auth/sign-out', crossOrg: 'own' },
  'GET /api/auth/sessions': { path: '/api/auth/sessions', crossOrg: 'own' },
  'DELETE /api/auth/sessions/:id': { path: `/api/auth/sessions/${ANY}`, crossOrg: '404' },
  'POST /api/auth/password': {
    path: '/api/auth/password',
    body: { currentPassword: 'wrong', newPassword: 'long enough' },
    crossOrg: 'own',
  },
  'GET /api/sync/pull': { path: '/api/sync/pull', crossOrg: 'own' },
  'POST /api/sync/push': { path: '/api/sync/push', body: pushBody([]), crossOrg: 'own' },
  // A photo of a run the server has not seen yet: whoever uploads it, it lands in their own organisation.
  'PUT /api/photos/:photoId': {
    path: `/api/photos/${uuidv7()}?runId=${ANY}`,
    raw: { type: 'image/jpeg', data: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) },
    crossOrg: 'own',
  },
  'GET /api/photos/:photoId': { path: `/api/photos/${ANY}`, crossOrg: '404' },
  'GET /api/runs/:id': { path: `/api/runs/${RUN}`, crossOrg: '404' },
  'GET /api/sops': { path: '/api/sops', crossOrg: 'own' },
  'GET /api/sops/:id': { path: `/api/sops/${SOP}`, crossOrg: '404' },
  'GET /api/sops/:id/versions/:version': { path: `/api/sops/${SOP}/versions/1`, crossOrg: '404' },
  'POST /api/sops': { path: '/api/sops', body: {}, crossOrg: 'own' },
  'POST /api/sops/import': { path: '/api/sops/import', body: {}, crossOrg: 'own' },
  'POST /api/sops/:id/images': {
    path: `/api/sops/${SOP}/images`,
    raw: { type: 'image/png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]) },
    crossOrg: '404',
  },
  'GET /media/sop-images/:imageId': { path: `/media/sop-images/${ANY}`, crossOrg: '404' },
  'GET /api/sops/:id/draft': { path: `/api/sops/${SOP}/draft`, crossOrg: '404' },
  'PUT /api/sops/:id/draft': { path: `/api/sops/${SOP}/draft`, crossOrg: '404' }, // body: the current draft (beforeAll)
  'POST /api/sops/:id/publish': {
    path: `/api/sops/${SOP}/publish`,
    body: { revision: 99, changeNote: 'x' },
    crossOrg: '404',
  },
  'POST /api/sops/:id/review': { path: `/api/sops/${SOP}/review`, body: {}, crossOrg: '404' },
  'POST /api/sops/:id/archive': { path: `/api/sops/${SOP}/archive`, crossOrg: '404' },
  'POST /api/sops/:id/unarchive': { path: `/api/sops/${SOP}/unarchive`, crossOrg: '404' },
  'GET /api/sops/:id/diff': { path: `/api/sops/${SOP}/diff?from=1&to=1`, crossOrg: '404' },
  'GET /api/sops/:id/export': { path: `/api/sops/${SOP}/export`, crossOrg: '404' },
  'GET /api/analytics/overview': { path: '/api/analytics/overview', crossOrg: 'own' },
  'GET /api/analytics/sops/:sopId': { path: `/api/analytics/sops/${SOP}`, crossOrg: '404' },
  'GET /api/analytics/sops/:sopId/compare': { path: `/api/analytics/sops/${SOP}/compare?a=1&b=1`, crossOrg: '404' },
  'GET /api/analytics/sops/:sopId/export/:what': {
    path: `/api/analytics/sops/${SOP}/export/runs.csv`,
    crossOrg: '404',
  },
  'GET /api/analytics/runs/:runId/timeline': { path: `/api/analytics/runs/${RUN}/timeline`, crossOrg: '404' },
  'GET /api/analytics/onboarding': { path: '/api/analytics/onboarding', crossOrg: 'own' },
  'GET /api/analytics/people': { path: '/api/analytics/people', crossOrg: 'own' },
  'PUT /api/analytics/people/:personId': {
    path: `/api/analytics/people/${uuidv7()}`,
    body: { name: 'Someone', role: 'technician', startDate: '2026-01-05' },
    crossOrg: 'own',
  },
  'PUT /api/analytics/people/:personId/track': {
    path: `/api/analytics/people/${PERSON}/track`,
    body: { sopIds: [SOP] },
    crossOrg: '404',
  },
  'GET /api/members': { path: '/api/members', crossOrg: 'own' },
  'PATCH /api/members/:id': { path: `/api/members/${PERSON}`, body: { role: 'technician' }, crossOrg: '404' },
  'GET /api/invites': { path: '/api/invites', crossOrg: 'own' },
  'POST /api/invites': { path: '/api/invites', body: { role: 'technician' }, crossOrg: 'own' },
  'DELETE /api/invites/:id': { path: `/api/invites/${ANY}`, crossOrg: '404' },
  'GET /api/audit': { path: '/api/audit', crossOrg: 'own' },
};

let t: TestDatabase;
let other: Member;
beforeAll(async () => {
  t = await openTestDatabase();
  other = await addOrganisation(t.db);
  // A run of the test technician, so run routes have a real object of the demo organisation.
  const { publishFixtureSop } = await import('../support/server-db.ts');
  await publishFixtureSop(t.db, DEMO_ORG_ID, IDS.sop);
  const events = new RunBuilder().start().step('a', 1000).events;
  const res = await t.app.request(url('/api/sync/push'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(pushBody(events)),
  });
  expect(res.status).toBe(200);
  const draft = (await (await t.app.request(url(`/api/sops/${SOP}/draft`))).json()) as {
    revision: number;
    draft: unknown;
  };
  const saveDraft = CALLS['PUT /api/sops/:id/draft'];
  if (saveDraft) saveDraft.body = { revision: draft.revision, draft: draft.draft };
});
afterAll(() => t.close());

const apiRoutes = () =>
  t.rawApp.routes
    .filter((r) => r.method !== 'ALL' && GUARDED_PREFIXES.some((prefix) => r.path.startsWith(prefix)))
    .map((r) => `${r.method} ${r.path}`);

async function call(app: SignedInApp | typeof t.rawApp, key: string): Promise<Response> {
  const spec = CALLS[key];
  if (!spec) throw new Error(`no call for ${key}`);
  const method = key.split(' ')[0] ?? 'GET';
  const headers: Record<string, string> = { 'x-fieldbook-csrf': '1' };
  let body: BodyInit | undefined;
  if (spec.raw) {
    headers['content-type'] = spec.raw.type;
    body = spec.raw.data;
  } else if (spec.body !== undefined || (method !== 'GET' && method !== 'DELETE')) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(spec.body ?? {});
  }
  return app.request(url(spec.path), { method, headers, ...(body === undefined ? {} : { body }) });
}

async function errorOf(res: Response): Promise<string | null> {
  if (res.status < 400) return null;
  const parsed = ApiError.safeParse(await res.json().catch(() => null));
  return parsed.success ? parsed.data.error : `(${res.status} without an ApiError body)`;
}

const RANK: Record<Role, number> = { technician: 0, author: 1, owner: 2 };
const NEEDS: Record<Exclude<Access, 'public'>, number> = { member: 0, author: 1, owner: 2 };

describe('the access matrix', () => {
  it('has an entry for every API route of the app, and no entry without a route', () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(40);
    expect(
      routes.filter((r) => !(r in CALLS)),
      'routes without a test entry',
    ).toEqual([]);
    expect(
      routes.filter((r) => !(r in ROUTE_ACCESS)),
      'routes without an access rule',
    ).toEqual([]);
    expect(
      Object.keys(CALLS).filter((k) => !routes.includes(k)),
      'entries without a route',
    ).toEqual([]);
  });

  it('without a session: public routes answer, every other route is 401 unauthenticated', async () => {
    for (const key of apiRoutes()) {
      const res = await call(t.rawApp, key);
      const error = await errorOf(res);
      if (ROUTE_ACCESS[key] === 'public')
        expect([key, res.status < 500 && error !== 'unauthenticated']).toEqual([key, true]);
      else expect([key, res.status, error]).toEqual([key, 401, 'unauthenticated']);
    }
  });

  for (const role of ['technician', 'author', 'owner'] as const) {
    it(`as the ${role}: allowed routes get through, the others are 403 forbidden`, async () => {
      const app = appAs(t.rawApp, t.db, { orgId: DEMO_ORG_ID, userId: demoAccountId(role) });
      for (const key of apiRoutes()) {
        const access = ROUTE_ACCESS[key] ?? 'owner';
        if (access === 'public' || key === 'POST /api/auth/sign-out') continue;
        const res = await call(app, key);
        const error = await errorOf(res);
        if (RANK[role] >= NEEDS[access]) {
          expect([key, res.status < 500, error === 'forbidden' || error === 'unauthenticated']).toEqual([
            key,
            true,
            false,
          ]);
        } else {
          expect([key, res.status, error]).toEqual([key, 403, 'forbidden']);
        }
      }
    });
  }

  it('as the owner of another organisation: the demo organisation’s objects are 404, collections show only its own', async () => {
    const app = appAs(t.rawApp, t.db, other);
    for (const key of apiRoutes()) {
      const spec = CALLS[key];
      if (!spec || spec.crossOrg === 'public' || key === 'POST /api/auth/sign-out') continue;
      const res = await call(app, key);
      const text = await res.text();
      if (spec.crossOrg === '404') {
        expect([key, res.status]).toEqual([key, 404]);
      } else {
        expect([key, res.status < 500]).toEqual([key, true]);
        expect([key, text.includes(DEMO_ORG_ID) || text.includes(SOP) || text.includes(IDS.run)]).toEqual([key, false]);
      }
    }
  });

  it('signing out ends the session: the same cookie is then 401', async () => {
    const app = appAs(t.rawApp, t.db, { orgId: DEMO_ORG_ID, userId: demoAccountId('technician') });
    expect((await call(app, 'GET /api/auth/me')).status).toBe(200);
    expect((await call(app, 'POST /api/auth/sign-out')).status).toBe(204);
    expect((await call(app, 'GET /api/auth/me')).status).toBe(401);
  });

  it('a route missing from the access table is refused to everyone', async () => {
    const { Hono } = await import('hono');
    const { guard } = await import('../../src/server/auth/guard.ts');
    const app = new Hono().use('/api/*', guard({ db: t.db })).get('/api/unlisted', (c) => c.text('leak'));
    const owner = signedIn(app as never, async () => '');
    const res = await owner.request(url('/api/unlisted'));
    expect(res.status).toBe(403);
  });
});
