/**
 * Checks one pushed event on its own, before any database work: its shape version
 * (upgraded to the current one, upgrade-event.ts), schema (the shared RunEvent), storability, and that a run_started names the pushing device. Each event is
 * judged alone so that one bad event never blocks the others of its batch.
 *
 * A valid event gets a stable hash: sha256 of its canonical JSON (object keys sorted at
 * every level, after the schema dropped unknown keys). The same event sent again hashes
 * the same whatever the key order; a different event reusing an id does not.
 */
import { hash } from 'node:crypto';
import * as z from 'zod';
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

/**
 * RunEvent as the server checks it: the shared schema, written with zod/mini to stay small
 * in the phone's bundle, rebuilt shape for shape with zod's full build. Its objects compile
 * a parser for their shape once, where zod/mini's walk the shape at every call: the same
 * rules in about 60 % of the time, with a fraction of the garbage, and the server checks
 * every event of every push. Each field keeps its shared schema; only the two object
 * levels (envelope and payload) are rebuilt. event-check.test.ts holds the two to the same
 * verdicts and outputs.
 */
export const ServerRunEvent = z.discriminatedUnion(
  'type',
  RunEvent.def.options.map((option) =>
    z.object({ ...option.shape, payload: z.object(option.shape.payload.shape) }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

/**
 * JSON with object keys sorted at every level: equal values give equal texts. Stored
 * hashes depend on this exact text, so it must never change; it is built with plain loops
 * because every pushed event goes through it.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  let text = '{';
  // Default sort: UTF-16 code unit order, the same on every engine.
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${text}}`;
}

/**
 * The keys of an object validated by `shape`, sorted, each with its JSON text and colon
 * written once: the schema leaves exactly its shape's keys on every object (unknown keys
 * are dropped).
 */
const sortedKeys = (shape: object) =>
  Object.keys(shape)
    .sort()
    .map((key) => [key, `${JSON.stringify(key)}:`] as const);

/** Envelope keys, the same for every event type (with `type` and `payload`). */
const EVENT_KEYS = sortedKeys(RunEvent.def.options[0].shape);
/** Payload keys by event type. */
const PAYLOAD_KEYS = new Map(
  RunEvent.def.options.map((o) => [o.shape.type.def.values[0] as string, sortedKeys(o.shape.payload.shape)]),
);

/** canonicalJson of an object whose keys are among `keys` (sorted, as sortedKeys gives them). */
function canonicalObject(record: Record<string, unknown>, keys: readonly (readonly [string, string])[]): string {
  let text = '{';
  for (const [key, prefix] of keys) {
    const value = record[key];
    if (value === undefined) continue;
    const json = key === 'payload' ? canonicalPayload(record) : canonicalJson(value);
    text += `${text.length === 1 ? '' : ','}${prefix}${json}`;
  }
  return `${text}}`;
}

const canonicalPayload = (event: Record<string, unknown>): string => {
  const keys = PAYLOAD_KEYS.get(event.type as string);
  const payload = event.payload as Record<string, unknown>;
  return keys ? canonicalObject(payload, keys) : canonicalJson(payload);
};

/**
 * canonicalJson of a validated event, without sorting keys again: the key order of the
 * envelope and of each type's payload is known from the schema. Every pushed event goes
 * through it.
 */
const canonicalEvent = (event: RunEvent): string =>
  canonicalObject(event as unknown as Record<string, unknown>, EVENT_KEYS);

export const eventHash = (event: RunEvent): string => hash('sha256', canonicalEvent(event), 'hex');

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
  const parsed = ServerRunEvent.safeParse(upgraded.event);
  if (!parsed.success) {
    const details = issuesOf(parsed.error, 3)
      .map((i) => `${i.path || '(event)'}: ${i.message}`)
      .join('; ');
    return rejected(rawEventId(raw), 'invalid_event', details);
  }
  const event = parsed.data as RunEvent;
  if (hasUnstorableText(event)) {
    return rejected(event.id, 'invalid_event', 'text contains NUL characters or invalid Unicode');
  }
  if (event.type === 'run_started' && event.payload.deviceId !== deviceId) {
    return rejected(event.id, 'wrong_device', 'run_started names another device than the one pushing it');
  }
  return { ok: true, id: event.id, event, hash: eventHash(event) };
}
