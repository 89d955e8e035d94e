/**
 * The analytics API client: GET /api/analytics/… validated with the shared wire schemas
 * (zod/mini), so a screen only ever renders data of the expected shape. Analytics need
 * the network: nothing here is cached on the device.
 */
import type * as z from 'zod/mini';
import {
  type AnalyticsFilters,
  OnboardingTeam,
  Overview,
  PeopleList,
  SopReport,
  Timeline,
  VersionComparisonWire,
} from '../../shared/analytics-wire.ts';
import { noteUnauthorized } from '../auth/account-store.ts';

export class AnalyticsError extends Error {
  constructor(
    readonly reason: 'offline' | 'http' | 'invalid',
    readonly status?: number,
  ) {
    super(reason);
  }
}

async function getJson<S extends z.ZodMiniType>(path: string, schema: S): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { accept: 'application/json' } });
  } catch {
    throw new AnalyticsError('offline');
  }
  if (!res.ok) {
    await noteUnauthorized(res.status, undefined);
    throw new AnalyticsError('http', res.status);
  }
  const parsed = schema.safeParse(await res.json().catch(() => undefined));
  if (!parsed.success) throw new AnalyticsError('invalid');
  return parsed.data;
}

/** The query string of the filters that are set. */
export function filterQuery(filters: AnalyticsFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

const base = '/api/analytics';
export const fetchOverview = () => getJson(`${base}/overview`, Overview);
export const fetchSopReport = (sopId: string, filters: AnalyticsFilters) =>
  getJson(`${base}/sops/${sopId}${filterQuery(filters)}`, SopReport);
export const fetchComparison = (sopId: string, a: number, b: number) =>
  getJson(`${base}/sops/${sopId}/compare?a=${a}&b=${b}`, VersionComparisonWire);
export const fetchTimeline = (runId: string) => getJson(`${base}/runs/${runId}/timeline`, Timeline);
export const fetchOnboarding = () => getJson(`${base}/onboarding`, OnboardingTeam);
export const fetchPeople = () => getJson(`${base}/people`, PeopleList);

/** Link to a CSV export of the current filters. */
export const exportHref = (sopId: string, what: 'runs' | 'steps', filters: AnalyticsFilters, excel: boolean) =>
  `${base}/sops/${sopId}/export/${what}.csv${filterQuery(filters, excel ? { format: 'excel-fr' } : {})}`;
