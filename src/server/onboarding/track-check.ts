/** Which of the SOP ids of a track the organisation does not have. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db/connect.ts';
import { sops } from '../db/schema.ts';

export async function unknownSops(db: Queryable, orgId: string, sopIds: readonly string[]): Promise<string[]> {
  if (sopIds.length === 0) return [];
  const rows = await db
    .select({ id: sops.id })
    .from(sops)
    .where(and(eq(sops.orgId, orgId), inArray(sops.id, [...sopIds])));
  const known = new Set(rows.map((r) => r.id));
  return sopIds.filter((id) => !known.has(id));
}
