/** Brings a freshly opened database to a servable state: schema, epoch, default organisation. */
import { type SeedResult, seedDatabase } from '../seed.ts';
import type { DatabaseHandle } from './connect.ts';
import { ensureEpoch } from './server-meta.ts';

export async function prepareDatabase(
  handle: DatabaseHandle,
  options: { demo: boolean; history?: boolean },
): Promise<SeedResult> {
  await handle.migrate();
  await ensureEpoch(handle.db);
  return seedDatabase(handle.db, options);
}
