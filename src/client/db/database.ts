/**
 * The device database. Everything the phone needs to work offline lives here: pulled SOPs
 * and their versions, the runs started on this device (a derived row per run), the
 * append-only event outbox, photos and a small key/value table.
 *
 * Schema history: bump `version(n)` with a new store list for every change, never edit a
 * published one (devices in the field upgrade from any earlier version). Upgrades only
 * add indexes or fill new fields: a pending event is never rewritten or dropped by one.
 *  v1 — the walking skeleton.
 *  v2 — events get `ackedAt` (indexed with `sync`) so acked rows can be pruned after 30
 *       days; rows acked under v1 count as acked at upgrade time.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { EventRow, MetaRow, PhotoRow, RunRow, SopRow, VersionRow } from './types.ts';

export class FieldbookDb extends Dexie {
  sops!: EntityTable<SopRow, 'id'>;
  versions!: Table<VersionRow, [string, number]>;
  runs!: EntityTable<RunRow, 'id'>;
  events!: EntityTable<EventRow, 'id'>;
  photos!: EntityTable<PhotoRow, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name = 'fieldbook') {
    super(name);
    this.version(1).stores({
      sops: 'id',
      versions: '[sopId+version], sopId',
      runs: 'id, sopId, status, updatedAt',
      // [sync+deviceSeq] lets the outbox read pending events in device order without a scan.
      events: 'id, runId, [runId+seq], deviceSeq, sync, [sync+deviceSeq]',
      photos: 'id, runId, stepId, sync',
      meta: 'key',
    });
    this.version(2)
      .stores({ events: 'id, runId, [runId+seq], deviceSeq, sync, [sync+deviceSeq], [sync+ackedAt]' })
      .upgrade(async (tx) => {
        const now = Date.now();
        await tx
          .table<EventRow, string>('events')
          .where('sync')
          .equals('acked')
          .modify((row) => {
            row.ackedAt ??= now;
          });
      });
  }
}

/** The one database of this page. */
export const db = new FieldbookDb();

/** Empties every table (tests, and a future "reset this device" action). */
export async function clearDatabase(): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) await table.clear();
  });
}
