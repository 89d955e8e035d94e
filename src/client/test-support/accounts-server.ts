/**
 * An in-memory accounts server for component tests, faithful to the contract of
 * src/shared/auth.ts where the client depends on it: one browser session (the cookie),
 * the CSRF header required on every state-changing request (403 csrf_rejected), 401
 * `unauthenticated` without a session, 403 `forbidden` for a role that may not, the
 * refusals of sign-in (401, 429 with Retry-After), setup, invites (404, 410, 409) and role
 * changes (409 last_owner). Sync requests go to `sync` while a session is open and get
 * 401 otherwise. Tests change its fields to make it refuse.
 */
import {
  type Account,
  type AuditEntry,
  CSRF_HEADER,
  CSRF_VALUE,
  type Invite,
  type Role,
  type SessionInfo,
} from '../../shared/auth.ts';
import { uuidv7 } from '../../shared/uuid.ts';
import { setAuthApiFetch } from '../auth/auth-api.ts';
import { testAccount } from './accounts.ts';
import { json } from './fake-server.ts';
import type { SyncServer } from './sync-server.ts';

interface Person {
  account: Account;
  password: string;
}

interface Request {
  method: string;
  path: string;
  body: Record<string, unknown>;
  csrf: boolean;
  init: RequestInit | undefined;
}

export interface AccountsServer {
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  setupNeeded: boolean;
  people: Person[];
  /** Who the browser's session cookie belongs to. */
  session: Account | null;
  otherSessions: SessionInfo[];
  invites: { invite: Invite; token: string }[];
  audit: AuditEntry[];
  /** Set: sign-in answers 429 with this Retry-After (seconds). */
  retryAfterSeconds: number | null;
  requests: Request[];
  sync: SyncServer | null;
  /** Adds a person who can sign in with `password`. */
  addPerson(account: Account, password?: string): void;
}

const fail = (status: number, error: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ error, message: error }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
const noContent = () => new Response(null, { status: 204 });
const me = (account: Account, status = 200) => json({ account }, status);

function signIn(server: AccountsServer, account: Account): Response {
  server.session = account;
  return me(account);
}

function invitesRoute(server: AccountsServer, request: Request, rest: string[]): Response {
  const [first, token, action] = rest;
  if (first === 'by-token' && token) {
    const found = server.invites.find((i) => i.token === token);
    if (!found) return fail(404, 'not_found');
    const { invite } = found;
    if (invite.status !== 'pending') {
      return fail(
        410,
        { accepted: 'invite_used', expired: 'invite_expired', revoked: 'invite_revoked' }[invite.status],
      );
    }
    if (request.method === 'GET')
      return json({ orgName: 'Garage Martin', role: invite.role, expiresAt: invite.expiresAt });
    if (action !== 'accept') return fail(404, 'not_found');
    const email = String(request.body.email);
    if (server.people.some((p) => p.account.email === email)) return fail(409, 'email_taken');
    const account = testAccount(invite.role, { id: uuidv7(), name: String(request.body.name), email });
    server.addPerson(account, String(request.body.password));
    invite.status = 'accepted';
    server.session = account;
    return me(account, 201);
  }
  if (server.session?.role !== 'owner')
    return fail(server.session ? 403 : 401, server.session ? 'forbidden' : 'unauthenticated');
  if (request.method === 'GET') return json({ invites: server.invites.map((i) => i.invite) });
  if (request.method === 'DELETE' && first) {
    const found = server.invites.find((i) => i.invite.id === first);
    if (found) found.invite.status = 'revoked';
    return noContent();
  }
  const now = Date.now();
  const invite: Invite = {
    id: uuidv7(),
    role: request.body.role as Role,
    createdAt: now,
    expiresAt: now + 7 * 86_400_000,
    status: 'pending',
  };
  const created = { invite, token: `tok${server.invites.length + 1}` };
  server.invites.unshift(created);
  return json({ ...created, url: `https://fieldbook.test/join/${created.token}` }, 201);
}

function membersRoute(server: AccountsServer, request: Request, memberId: string | undefined): Response {
  const members = () =>
    server.people.map(({ account: { id, name, email, role, startDate } }) => ({ id, name, email, role, startDate }));
  if (request.method === 'GET') return json({ members: members() });
  const person = server.people.find((p) => p.account.id === memberId);
  if (!person) return fail(404, 'not_found');
  const role = request.body.role as Role;
  const owners = server.people.filter((p) => p.account.role === 'owner');
  if (person.account.role === 'owner' && role !== 'owner' && owners.length === 1) return fail(409, 'last_owner');
  person.account = { ...person.account, role };
  return json(members().find((m) => m.id === memberId));
}

function authRoute(server: AccountsServer, request: Request, action: string | undefined, id?: string): Response {
  const { session } = server;
  if (action === 'sign-in') {
    if (server.retryAfterSeconds !== null) {
      return fail(429, 'too_many_attempts', { 'retry-after': String(server.retryAfterSeconds) });
    }
    const person = server.people.find((p) => p.account.email === request.body.email);
    if (!person || person.password !== request.body.password) return fail(401, 'invalid_credentials');
    return signIn(server, person.account);
  }
  if (!session) return fail(401, 'unauthenticated');
  if (action === 'me') return me(server.people.find((p) => p.account.id === session.id)?.account ?? session);
  if (action === 'sign-out') {
    server.session = null;
    return noContent();
  }
  if (action === 'sessions' && request.method === 'DELETE') {
    server.otherSessions = server.otherSessions.filter((s) => s.id !== id);
    return noContent();
  }
  if (action === 'sessions') {
    const now = Date.now();
    const current = {
      id: '0190e000-0000-7000-8000-000000000001',
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + 86_400_000,
      userAgent: 'This browser',
      current: true,
    };
    return json({ sessions: [current, ...server.otherSessions] });
  }
  if (action === 'password') {
    const person = server.people.find((p) => p.account.id === session.id);
    if (!person || person.password !== request.body.currentPassword) return fail(401, 'invalid_credentials');
    person.password = String(request.body.newPassword);
    server.otherSessions = [];
    return noContent();
  }
  return fail(404, 'not_found');
}

function route(server: AccountsServer, request: Request): Response | Promise<Response> {
  const [, , area, ...rest] = request.path.split('/');
  if (request.method !== 'GET' && !request.csrf) return fail(403, 'csrf_rejected');
  if (area === 'setup') {
    if (request.method === 'GET') return json({ setupNeeded: server.setupNeeded });
    if (!server.setupNeeded) return fail(409, 'already_set_up');
    server.setupNeeded = false;
    const { orgName, name, email, password } = request.body as Record<string, string>;
    const account = testAccount('owner', { id: uuidv7(), orgName, name, email });
    server.addPerson(account, password);
    server.session = account;
    return me(account, 201);
  }
  if (area === 'auth') return authRoute(server, request, rest[0], rest[1]);
  if (area === 'invites') return invitesRoute(server, request, rest);
  if (!server.session) return fail(401, 'unauthenticated');
  if (area === 'sync' && server.sync) return server.sync.fetch(request.path, request.init);
  if (server.session.role !== 'owner') return fail(403, 'forbidden');
  if (area === 'members') return membersRoute(server, request, rest[0]);
  if (area === 'audit') return json({ entries: server.audit });
  return fail(404, 'not_found');
}

export function accountsServer(): AccountsServer {
  const server: AccountsServer = {
    setupNeeded: false,
    people: [],
    session: null,
    otherSessions: [],
    invites: [],
    audit: [],
    retryAfterSeconds: null,
    requests: [],
    sync: null,
    addPerson(account, password = 'correct horse') {
      server.people.push({ account, password });
    },
    fetch: async (input, init) => {
      const url = new URL(input, 'http://localhost');
      const method = init?.method ?? 'GET';
      const headers = new Headers(init?.headers);
      const body = typeof init?.body === 'string' && init.body ? JSON.parse(init.body) : {};
      const csrf = headers.get(CSRF_HEADER) === CSRF_VALUE;
      const request = { method, path: url.pathname + url.search, body, csrf, init };
      server.requests.push(request);
      return route(server, request);
    },
  };
  setAuthApiFetch(server.fetch);
  return server;
}
