/** Brings a freshly opened database to a servable state: schema, epoch, default organisation. */
import { seedDatabase } from '../seed.ts';
import type { DatabaseHandle } from './connect.ts';
import { ensureEpoch } from './server-meta.ts';

export async function prepareDatabase(
  handle: DatabaseHandle,
  options: { demo: boolean; history?: boolean },
): Promise<void> {
  await handle.migrate();
  await ensureEpoch(handle.db);
  await seedDatabase(handle.db, options);
}
