/**
 * Event shape upgrades: devices in the field may run an older app for months, so every
 * event shape a device may still send is mapped to the current one BEFORE validation.
 *
 * Each event carries its shape version `v`. UPGRADES[n] turns a v=n event into a v=n+1
 * event; an event is walked up the chain until it reaches EVENT_SCHEMA_VERSION, then
 * validated by the shared RunEvent like any other. Only v1 exists today, so the chain is
 * empty and v1 → current is the identity. A `v` above the current one (a newer app than
 * this server) or below the oldest upgradable one is refused with
 * `unsupported_event_version`, so the device keeps it as "needs attention" instead of the
 * server failing the batch. The stored hash is computed on the upgraded event; the dead
 * letter keeps what the device sent.
 */
import { EVENT_SCHEMA_VERSION } from '../../shared/events.ts';
import { isRecord } from './storable.ts';

/** The oldest event version this server still upgrades. */
export const OLDEST_EVENT_VERSION = 1;

type Upgrade = (event: Record<string, unknown>) => Record<string, unknown>;

/**
 * UPGRADES[n]: v=n → v=n+1. When the shape changes to v2, add `1: (e) => ({ ...e, …, v: 2 })`
 * here and raise EVENT_SCHEMA_VERSION in src/shared/events.ts.
 */
const UPGRADES: Readonly<Record<number, Upgrade>> = {};

export type UpgradedEvent = { ok: true; event: unknown } | { ok: false; message: string };

/** The event in the current shape; a value that is not an event object is left to validation. */
export function upgradeEvent(raw: unknown): UpgradedEvent {
  if (!isRecord(raw) || typeof raw.v !== 'number' || !Number.isInteger(raw.v)) return { ok: true, event: raw };
  const from = raw.v;
  if (from > EVENT_SCHEMA_VERSION || from < OLDEST_EVENT_VERSION) {
    return {
      ok: false,
      message: `event version ${from} is not supported (this server reads ${OLDEST_EVENT_VERSION} to ${EVENT_SCHEMA_VERSION})`,
    };
  }
  let event = raw;
  for (let v = from; v < EVENT_SCHEMA_VERSION; v++) {
    const upgrade = UPGRADES[v];
    if (!upgrade) return { ok: false, message: `no upgrade from event version ${v}` };
    event = upgrade(event);
  }
  return { ok: true, event };
}
