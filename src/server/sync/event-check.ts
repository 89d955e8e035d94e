/**
 * Checks one pushed event on its own, before any database work: its shape version
 * (upgraded to the current one, upgrade-event.ts), schema (the shared RunEvent), storability, and that a run_started names the pushing device. Each event is
 * judged alone so that one bad event never blocks the others of its batch.
 *
 * A valid event gets a stable hash: sha256 of its canonical JSON (object keys sorted at
 * every level, after the schema dropped unknown keys). The same event sent again hashes
 * the same whatever the key order; a different event reusing an id does not.
 */
import { createHash } from 'node:crypto';
import { RunEvent } from '../../shared/events.ts';
import type { RejectCode } from '../../shared/sync.ts';
import { issuesOf } from '../http/api-error.ts';
import { hasUnstorableText, storableText } from './storable.ts';
import { upgradeEvent } from './upgrade-event.ts';

export interface ValidEvent {
  ok: true;
  id: string;
  event: RunEvent;
  hash: string;
}

export interface RejectedEvent {
  ok: false;
  /** The event's id if it had a usable one, else ''. */
  id: string;
  code: RejectCode;
  message: string;
}

export type CheckedEvent = ValidEvent | RejectedEvent;

/** JSON with object keys sorted at every level: equal values give equal texts. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const eventHash = (event: RunEvent): string => createHash('sha256').update(canonicalJson(event)).digest('hex');

/** The id a raw event claims, made safe to store and echo ('' if none). */
export function rawEventId(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null || !('id' in raw) || typeof raw.id !== 'string') return '';
  return storableText(raw.id.slice(0, 100));
}

export const rejected = (id: string, code: RejectCode, message: string): RejectedEvent => ({
  ok: false,
  id,
  code,
  message,
});

export function checkEvent(raw: unknown, deviceId: string): CheckedEvent {
  const upgraded = upgradeEvent(raw);
  if (!upgraded.ok) return rejected(rawEventId(raw), 'unsupported_event_version', upgraded.message);
  const parsed = RunEvent.safeParse(upgraded.event);
  if (!parsed.success) {
    const details = issuesOf(parsed.error, 3)
      .map((i) => `${i.path || '(event)'}: ${i.message}`)
      .join('; ');
    return rejected(rawEventId(raw), 'invalid_event', details);
  }
  const event = parsed.data;
  if (hasUnstorableText(event)) {
    return rejected(event.id, 'invalid_event', 'text contains NUL characters or invalid Unicode');
  }
  if (event.type === 'run_started' && event.payload.deviceId !== deviceId) {
    return rejected(event.id, 'wrong_device', 'run_started names another device than the one pushing it');
  }
  return { ok: true, id: event.id, event, hash: eventHash(event) };
}
