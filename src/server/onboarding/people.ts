/**
 * People and their onboarding tracks. Until accounts exist, a person's id is the user id
 * their devices write in run_started; an owner names them and assigns an ordered track.
 * Writing a track replaces it whole (delete + insert in one transaction), so positions
 * stay 0..n−1 without gaps.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { PersonWire } from '../../shared/analytics-wire.ts';
import type { Queryable } from '../db/connect.ts';
import { onboardingTracks, people } from '../db/schema-analytics.ts';

export async function upsertPerson(db: Queryable, orgId: string, person: PersonWire): Promise<void> {
  const values = { name: person.name, role: person.role, startDate: person.startDate };
  await db
    .insert(people)
    .values({ orgId, id: person.id, ...values })
    .onConflictDoUpdate({ target: [people.orgId, people.id], set: values });
}

export async function listPeople(db: Queryable, orgId: string): Promise<PersonWire[]> {
  return db
    .select({ id: people.id, name: people.name, role: people.role, startDate: people.startDate })
    .from(people)
    .where(eq(people.orgId, orgId))
    .orderBy(asc(people.startDate), asc(people.name));
}

export async function readPerson(db: Queryable, orgId: string, id: string): Promise<PersonWire | null> {
  const [row] = await db
    .select({ id: people.id, name: people.name, role: people.role, startDate: people.startDate })
    .from(people)
    .where(and(eq(people.orgId, orgId), eq(people.id, id)));
  return row ?? null;
}

/** Replaces the person's track with `sopIds`, in that order. */
export async function setTrack(
  db: Queryable,
  orgId: string,
  personId: string,
  sopIds: readonly string[],
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .delete(onboardingTracks)
      .where(and(eq(onboardingTracks.orgId, orgId), eq(onboardingTracks.personId, personId)));
    if (sopIds.length === 0) return;
    await tx.insert(onboardingTracks).values(sopIds.map((sopId, position) => ({ orgId, personId, position, sopId })));
  });
}

/** Every track of the organisation: person id → SOP ids in order. */
export async function readTracks(db: Queryable, orgId: string): Promise<Map<string, string[]>> {
  const rows = await db
    .select()
    .from(onboardingTracks)
    .where(eq(onboardingTracks.orgId, orgId))
    .orderBy(asc(onboardingTracks.personId), asc(onboardingTracks.position));
  const tracks = new Map<string, string[]>();
  for (const row of rows) tracks.set(row.personId, [...(tracks.get(row.personId) ?? []), row.sopId]);
  return tracks;
}
