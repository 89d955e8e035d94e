/**
 * Onboarding tracks: the SOPs one may hold, and saving a person's track — first the person (their first day starts the
 * onboarding clock), then their ordered SOPs — PUT /api/analytics/people/:id and
 * …/track. Each failure comes back as a reason the screen puts in words; the screen keeps
 * what was typed, so a failed save loses nothing.
 */
import type { PersonWire } from '../../shared/analytics-wire.ts';
import { CSRF_HEADERS } from '../auth/csrf.ts';
import type { SopSummary } from '../../shared/sop-api.ts';
import { ApiError } from '../../shared/sync.ts';
import { sopApi } from '../library/sop-api-client.ts';
import { AnalyticsError } from './api.ts';

export type SaveTrackOutcome =
  | { ok: true }
  | { ok: false; reason: 'offline' | 'unknown_person' | 'unknown_sop' | 'failed' };

async function put(path: string, body: unknown): Promise<Response | null> {
  try {
    return await fetch(path, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...CSRF_HEADERS },
      body: JSON.stringify(body),
    });
  } catch {
    return null;
  }
}

async function outcomeOf(res: Response | null): Promise<SaveTrackOutcome> {
  if (!res) return { ok: false, reason: 'offline' };
  if (res.ok) return { ok: true };
  if (res.status === 404) return { ok: false, reason: 'unknown_person' };
  const body = ApiError.safeParse(await res.json().catch(() => null));
  return { ok: false, reason: body.data?.error === 'unknown_sop' ? 'unknown_sop' : 'failed' };
}

export async function saveTrack(person: PersonWire, sopIds: readonly string[]): Promise<SaveTrackOutcome> {
  const path = `/api/analytics/people/${encodeURIComponent(person.id)}`;
  const { id: _, ...fields } = person;
  const saved = await outcomeOf(await put(path, fields));
  if (!saved.ok) return saved;
  return outcomeOf(await put(`${path}/track`, { sopIds }));
}

/** The SOPs a track may hold: the published ones (a draft cannot be run; an archived one no longer is). */
export async function fetchPublishedSops(): Promise<SopSummary[]> {
  const result = await sopApi.list();
  if (!result.ok) throw new AnalyticsError(result.reason === 'offline' ? 'offline' : 'http');
  return result.value.items.filter((sop) => sop.status === 'published');
}
