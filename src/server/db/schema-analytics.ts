/**
 * Tables of owner analytics: the people of an organisation and their onboarding tracks.
 * Until accounts exist, a person's id is the user id their devices put in run_started,
 * so runs join to people on `runs.user_id = people.id`. `org_id` leads every key, like
 * every other table (see schema.ts).
 */
import { date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const people = pgTable(
  'people',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    role: text('role').$type<'owner' | 'technician' | 'new_hire'>().notNull(),
    /** First working day (a calendar date, no time zone). */
    startDate: date('start_date', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/** The ordered SOPs a person learns; position 0 comes first. */
export const onboardingTracks = pgTable(
  'onboarding_tracks',
  {
    orgId: uuid('org_id').notNull(),
    personId: uuid('person_id').notNull(),
    position: integer('position').notNull(),
    sopId: uuid('sop_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.personId, t.position] })],
);
