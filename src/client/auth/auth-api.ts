/**
 * The accounts API (/api/setup, /api/auth, /api/members, /api/invites, /api/audit) for the
 * screens, through the same door as sync (sync/http.ts): a 30 s deadline, typed failures
 * instead of exceptions, answers validated with the shared schemas. State-changing calls
 * carry the CSRF header; a 401 that is not a wrong password marks the session as needing
 * a sign-in.
 */
import type * as z from 'zod/mini';
import {
  type AcceptInviteRequest,
  type ChangePasswordRequest,
  CreatedInvite,
  type CreateInviteRequest,
  InviteList,
  InvitePreview,
  Member,
  MemberList,
  MeResponse,
  type Role,
  SessionList,
  type SetupRequest,
  SetupState,
  type SignInRequest,
  AuditList,
} from '../../shared/auth.ts';
import { type FetchLike, type HttpResult, request, requestJson } from '../sync/http.ts';
import { noteUnauthorized } from './account-store.ts';
import { csrfFor } from './csrf.ts';

export type { HttpFailure as ApiFailure, HttpResult as ApiResult } from '../sync/http.ts';

let fetchImpl: FetchLike = (input, init) => fetch(input, init);

/** Tests route the calls to their own server. */
export function setAuthApiFetch(next: FetchLike): void {
  fetchImpl = next;
}

function init(method: string, body?: unknown): RequestInit {
  const headers: Record<string, string> = { accept: 'application/json', ...csrfFor(method) };
  if (body === undefined) return { method, headers };
  return { method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

async function noted<T>(result: Promise<HttpResult<T>>): Promise<HttpResult<T>> {
  const answer = await result;
  if (!answer.ok) await noteUnauthorized(answer.status, answer.code);
  return answer;
}

function json<T>(method: string, url: string, schema: z.ZodMiniType<T>, body?: unknown): Promise<HttpResult<T>> {
  return noted(requestJson(fetchImpl, url, init(method, body), schema));
}

/** A call answered with 204 No Content. */
function empty(method: string, url: string, body?: unknown): Promise<HttpResult<null>> {
  return noted(request(fetchImpl, url, init(method, body), async () => ({ ok: true, value: null })));
}

const id = (value: string) => encodeURIComponent(value);

export const authApi = {
  setupState: () => json('GET', '/api/setup', SetupState),
  setup: (body: SetupRequest) => json('POST', '/api/setup', MeResponse, body),
  signIn: (body: SignInRequest) => json('POST', '/api/auth/sign-in', MeResponse, body),
  me: () => json('GET', '/api/auth/me', MeResponse),
  signOut: () => empty('POST', '/api/auth/sign-out'),
  sessions: () => json('GET', '/api/auth/sessions', SessionList),
  revokeSession: (sessionId: string) => empty('DELETE', `/api/auth/sessions/${id(sessionId)}`),
  changePassword: (body: ChangePasswordRequest) => empty('POST', '/api/auth/password', body),
  members: () => json('GET', '/api/members', MemberList),
  changeRole: (memberId: string, role: Role) => json('PATCH', `/api/members/${id(memberId)}`, Member, { role }),
  createInvite: (body: CreateInviteRequest) => json('POST', '/api/invites', CreatedInvite, body),
  invites: () => json('GET', '/api/invites', InviteList),
  revokeInvite: (inviteId: string) => empty('DELETE', `/api/invites/${id(inviteId)}`),
  invitePreview: (token: string) => json('GET', `/api/invites/by-token/${id(token)}`, InvitePreview),
  acceptInvite: (token: string, body: AcceptInviteRequest) =>
    json('POST', `/api/invites/by-token/${id(token)}/accept`, MeResponse, body),
  audit: () => json('GET', '/api/audit', AuditList),
};
