/** Repository of pulled SOPs and their published versions. */
import type { PulledSopVersion } from '../../shared/sync.ts';
import { db } from './database.ts';
import type { SopRow, VersionRow } from './types.ts';

export interface SopListItem {
  sop: SopRow;
  latest: VersionRow;
}

/** Every SOP that has at least one version on this device, with its latest version. */
export async function listSops(): Promise<SopListItem[]> {
  const [sops, versions] = await Promise.all([db.sops.toArray(), db.versions.toArray()]);
  const latest = new Map<string, VersionRow>();
  for (const v of versions) {
    const known = latest.get(v.sopId);
    if (!known || v.version > known.version) latest.set(v.sopId, v);
  }
  return sops
    .filter((sop) => sop.status !== 'archived' && latest.has(sop.id))
    .map((sop) => ({ sop, latest: latest.get(sop.id) as VersionRow }));
}

export async function getSop(sopId: string): Promise<SopRow | undefined> {
  return db.sops.get(sopId);
}

export async function getLatestVersion(sopId: string): Promise<VersionRow | undefined> {
  return db.versions.where('[sopId+version]').between([sopId, 0], [sopId, Infinity]).last();
}

export async function getVersion(sopId: string, version: number): Promise<VersionRow | undefined> {
  return db.versions.get([sopId, version]);
}

/** Stores pulled items; call inside the caller's transaction so the cursor commits with them. */
export async function putPulledItems(items: readonly PulledSopVersion[]): Promise<void> {
  if (items.length === 0) return;
  await db.sops.bulkPut(items.map((i) => i.sop));
  await db.versions.bulkPut(items.map((i) => i.version));
}
