/**
 * Accounts through the real app: first-start setup, sign-in and its rate limit, sessions
 * (cookie attributes, expiry, revocation, password change), invites (accept, reuse,
 * revoke, expiry), roles, CSRF and security headers, the audit log.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { sessions, invites } from '../../src/server/db/schema-accounts.ts';
import { people } from '../../src/server/db/schema-analytics.ts';
import { DEMO_ORG_ID, demoAccountId } from '../../src/server/seed.ts';
import {
  AuditList,
  CreatedInvite,
  InviteList,
  InvitePreview,
  MeResponse,
  MemberList,
  SessionList,
  SetupState,
} from '../../src/shared/auth.ts';
import { ApiError } from '../../src/shared/sync.ts';
import { appAs } from '../support/accounts.ts';
import { openTestDatabase, TEST_TECHNICIAN, type TestDatabase } from '../support/server-db.ts';
import { url } from './http.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const CSRF = { 'x-fieldbook-csrf': '1' };
const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...CSRF, ...headers },
  body: JSON.stringify(body),
});

async function errorOf(res: Response): Promise<string> {
  return ApiError.parse(await res.json()).error;
}

function cookieOf(res: Response): string {
  const header = res.headers.get('set-cookie') ?? '';
  const pair = header.split(';')[0] ?? '';
  expect(pair).toMatch(/fieldbook_session=/);
  return pair;
}

const withCookie = (cookie: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), cookie },
});

const signIn = (email: string, password: string, base = 'http://localhost') =>
  t.rawApp.request(`${base}/api/auth/sign-in`, json({ email, password }));

describe('first-start setup', () => {
  it('an empty server asks for setup once, creates the organisation and its owner, signed in', async () => {
    const empty = await openTestDatabase({ demo: false });
    try {
      await empty.db.execute(sql`TRUNCATE orgs, users, people, sessions`);
      const state = SetupState.parse(await (await empty.rawApp.request(url('/api/setup'))).json());
      expect(state.setupNeeded).toBe(true);
      const body = {
        orgName: 'Garage Dupont',
        name: 'Anne Dupont',
        email: 'anne@dupont.example',
        password: 'a long secret',
      };
      const res = await empty.rawApp.request(url('/api/setup'), json(body));
      expect(res.status).toBe(201);
      const { account } = MeResponse.parse(await res.json());
      expect(account).toMatchObject({ orgName: 'Garage Dupont', name: 'Anne Dupont', role: 'owner' });
      const me = await empty.rawApp.request(url('/api/auth/me'), withCookie(cookieOf(res)));
      expect(MeResponse.parse(await me.json()).account.id).toBe(account.id);
      const again = await empty.rawApp.request(url('/api/setup'), json({ ...body, email: 'x@dupont.example' }));
      expect([again.status, await errorOf(again)]).toEqual([409, 'already_set_up']);
    } finally {
      await empty.close();
    }
  });
});

describe('sign-in', () => {
  it('sets an HttpOnly SameSite=Lax session cookie that /api/auth/me accepts', async () => {
    const res = await signIn(TEST_TECHNICIAN.email.toUpperCase(), TEST_TECHNICIAN.password);
    expect(res.status).toBe(200);
    expect(MeResponse.parse(await res.json()).account).toMatchObject({ id: TEST_TECHNICIAN.id, role: 'technician' });
    const header = res.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).not.toMatch(/Secure/); // plain-http localhost only
    const me = await t.rawApp.request(url('/api/auth/me'), withCookie(cookieOf(res)));
    expect(me.status).toBe(200);
  });

  it('over https the cookie is Secure with the __Host- prefix', async () => {
    const res = await signIn(TEST_TECHNICIAN.email, TEST_TECHNICIAN.password, 'https://fieldbook.example');
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^__Host-fieldbook_session=.*Secure/);
  });

  it('refuses plain http to another host than localhost: the cookie would travel in clear', async () => {
    const res = await signIn(TEST_TECHNICIAN.email, TEST_TECHNICIAN.password, 'http://192.168.1.20:8080');
    expect([res.status, await errorOf(res)]).toEqual([403, 'https_required']);
  });

  it('answers the same 401 for an unknown email and a wrong password', async () => {
    const unknown = await signIn('nobody@test.example', 'whatever1');
    const wrong = await signIn(TEST_TECHNICIAN.email, 'wrong password');
    expect([unknown.status, await errorOf(unknown)]).toEqual([401, 'invalid_credentials']);
    expect([wrong.status, await errorOf(wrong)]).toEqual([401, 'invalid_credentials']);
  });

  it('slows down brute force: after 5 failures the account answers 429 with Retry-After, even to the right password', async () => {
    const app = createApp({ db: t.db, kind: t.kind }); // a fresh throttle
    const attempt = (password: string) =>
      app.request(url('/api/auth/sign-in'), json({ email: TEST_TECHNICIAN.email, password }));
    for (let i = 0; i < 5; i++) expect((await attempt(`guess-${i}`)).status).toBe(401);
    const blocked = await attempt(TEST_TECHNICIAN.password);
    expect([blocked.status, await errorOf(blocked)]).toEqual([429, 'too_many_attempts']);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('records sign-ins and failures in the audit log, visible to owners only', async () => {
    await signIn(TEST_TECHNICIAN.email, 'wrong password');
    await signIn(TEST_TECHNICIAN.email, TEST_TECHNICIAN.password);
    const { entries } = AuditList.parse(await (await t.app.request(url('/api/audit'))).json());
    expect(entries.map((e) => e.action).slice(0, 2)).toEqual(['sign_in', 'sign_in_failed']);
    expect(entries[0]?.actorName).toBe(TEST_TECHNICIAN.name);
    expect((await t.as('technician').request(url('/api/audit'))).status).toBe(403);
  });
});

describe('sessions', () => {
  it('an expired session is 401 unauthenticated', async () => {
    const cookie = cookieOf(await signIn(TEST_TECHNICIAN.email, TEST_TECHNICIAN.password));
    await t.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) });
    const res = await t.rawApp.request(url('/api/auth/me'), withCookie(cookie));
    expect([res.status, await errorOf(res)]).toEqual([401, 'unauthenticated']);
  });

  it('lists the member’s sessions and revokes one', async () => {
    const first = cookieOf(await signIn(TEST_TECHNICIAN.email, TEST_TECHNICIAN.password));
    const second = cookieOf(await signIn(TEST_TECHNICIAN.email, TEST_TECHNICIAN.password));
    const list = SessionList.parse(
      await (await t.rawApp.request(url('/api/auth/sessions'), withCookie(second))).json(),
    );
    expect(list.sessions).toHaveLength(2);
    const firstId = list.sessions.find((s) => !s.current)?.id ?? '';
    const del = await t.rawApp.request(
      url(`/api/auth/sessions/${firstId}`),
      withCookie(second, { method: 'DELETE', headers: CSRF }),
    );
    expect(del.status).toBe(204);
    expect((await t.rawApp.request(url('/api/auth/me'), withCookie(first))).status).toBe(401);
    expect((await t.rawApp.request(url('/api/auth/me'), withCookie(second))).status).toBe(200);
  });

  it('changing the password signs out the other sessions and the new password works', async () => {
    const other = cookieOf(await signIn(TEST_TECHNICIAN.email, TEST_TECHNICIAN.password));
    const mine = cookieOf(await signIn(TEST_TECHNICIAN.email, TEST_TECHNICIAN.password));
    const wrong = await t.rawApp.request(
      url('/api/auth/password'),
      withCookie(mine, json({ currentPassword: 'nope', newPassword: 'a new secret' })),
    );
    expect([wrong.status, await errorOf(wrong)]).toEqual([401, 'invalid_credentials']);
    const ok = await t.rawApp.request(
      url('/api/auth/password'),
      withCookie(mine, json({ currentPassword: TEST_TECHNICIAN.password, newPassword: 'a new secret' })),
    );
    expect(ok.status).toBe(204);
    expect((await t.rawApp.request(url('/api/auth/me'), withCookie(other))).status).toBe(401);
    expect((await t.rawApp.request(url('/api/auth/me'), withCookie(mine))).status).toBe(200);
    expect((await signIn(TEST_TECHNICIAN.email, 'a new secret')).status).toBe(200);
  });
});

describe('invites', () => {
  async function createInvite(role = 'technician') {
    const res = await t.app.request(url('/api/invites'), json({ role }));
    expect(res.status).toBe(201);
    return CreatedInvite.parse(await res.json());
  }
  const accept = (token: string, email = 'new.hire@test.example') =>
    t.rawApp.request(
      url(`/api/invites/by-token/${token}/accept`),
      json({ name: 'Nina Petit', email, password: 'nina secret 1' }),
    );

  it('a link joins the organisation once, with the invite’s role and today as start date', async () => {
    const created = await createInvite();
    expect(created.url).toBe(`http://localhost/join/${created.token}`);
    const preview = InvitePreview.parse(
      await (await t.rawApp.request(url(`/api/invites/by-token/${created.token}`))).json(),
    );
    expect(preview).toMatchObject({ orgName: 'Atelier Martin', role: 'technician' });
    const res = await accept(created.token);
    expect(res.status).toBe(201);
    const { account } = MeResponse.parse(await res.json());
    expect(account).toMatchObject({ name: 'Nina Petit', role: 'technician', orgId: DEMO_ORG_ID });
    expect(account.startDate).toBe(new Date().toISOString().slice(0, 10));
    const [person] = await t.db.select().from(people).where(eq(people.id, account.id));
    expect(person?.role).toBe('new_hire');
    const again = await accept(created.token, 'other@test.example');
    expect([again.status, await errorOf(again)]).toEqual([410, 'invite_used']);
    const list = InviteList.parse(await (await t.app.request(url('/api/invites'))).json());
    expect(list.invites[0]?.status).toBe('accepted');
  });

  it('a revoked or expired invite cannot be used, an unknown token is 404', async () => {
    const revoked = await createInvite();
    const del = await t.app.request(url(`/api/invites/${revoked.invite.id}`), { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect(await errorOf(await accept(revoked.token))).toBe('invite_revoked');
    const expired = await createInvite();
    await t.db
      .update(invites)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invites.id, expired.invite.id));
    const res = await accept(expired.token);
    expect([res.status, await errorOf(res)]).toEqual([410, 'invite_expired']);
    const unknown = await t.rawApp.request(url(`/api/invites/by-token/${'b'.repeat(43)}`));
    expect(unknown.status).toBe(404);
  });

  it('refuses an email that already has an account', async () => {
    const created = await createInvite();
    const res = await accept(created.token, TEST_TECHNICIAN.email.toUpperCase());
    expect([res.status, await errorOf(res)]).toEqual([409, 'email_taken']);
  });
});

describe('members and roles', () => {
  it('an owner changes a role (audited); the last owner cannot lose the role', async () => {
    const res = await t.app.request(url(`/api/members/${TEST_TECHNICIAN.id}`), {
      ...json({ role: 'author' }),
      method: 'PATCH',
    });
    expect(res.status).toBe(200);
    const { members } = MemberList.parse(await (await t.app.request(url('/api/members'))).json());
    expect(members.find((m) => m.id === TEST_TECHNICIAN.id)?.role).toBe('author');
    const demoted = await t.app.request(url(`/api/members/${demoAccountId('owner')}`), {
      ...json({ role: 'author' }),
      method: 'PATCH',
    });
    expect([demoted.status, await errorOf(demoted)]).toEqual([409, 'last_owner']);
    const { entries } = AuditList.parse(await (await t.app.request(url('/api/audit'))).json());
    expect(entries[0]).toMatchObject({
      action: 'role_changed',
      target: TEST_TECHNICIAN.id,
      detail: { from: 'technician', to: 'author' },
    });
  });

  it('a role change takes effect on the next request of an existing session', async () => {
    const technician = appAs(t.rawApp, t.db, { orgId: DEMO_ORG_ID, userId: TEST_TECHNICIAN.id });
    expect((await technician.request(url('/api/analytics/overview'))).status).toBe(403);
    await t.app.request(url(`/api/members/${TEST_TECHNICIAN.id}`), { ...json({ role: 'author' }), method: 'PATCH' });
    expect((await technician.request(url('/api/analytics/overview'))).status).toBe(200);
  });
});

describe('CSRF and security headers', () => {
  it('a state-changing request without the CSRF header, or from another site, is refused', async () => {
    const app = appAs(t.rawApp, t.db, { orgId: DEMO_ORG_ID, userId: demoAccountId('owner') });
    const bare = await t.rawApp.request(url('/api/auth/sign-in'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: TEST_TECHNICIAN.email, password: TEST_TECHNICIAN.password }),
    });
    expect([bare.status, await errorOf(bare)]).toEqual([403, 'csrf_rejected']);
    const crossSite = await app.request(
      url('/api/invites'),
      json({ role: 'owner' }, { origin: 'https://evil.example' }),
    );
    expect([crossSite.status, await errorOf(crossSite)]).toEqual([403, 'csrf_rejected']);
    const fetchMeta = await app.request(
      url('/api/invites'),
      json({ role: 'owner' }, { 'sec-fetch-site': 'cross-site' }),
    );
    expect(fetchMeta.status).toBe(403);
    const sameSite = await app.request(url('/api/invites'), json({ role: 'owner' }, { origin: 'http://localhost' }));
    expect(sameSite.status).toBe(201);
  });

  it('every response carries a strict CSP and the other security headers; HSTS only over https', async () => {
    const res = await t.rawApp.request(url('/api/health'));
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('strict-transport-security')).toBeNull();
    const secure = await t.rawApp.request('https://fieldbook.example/api/health');
    expect(secure.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });
});
