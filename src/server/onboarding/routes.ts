/**
 * Onboarding API: people (named user ids), their ordered SOP tracks, and the team view.
 * In the signed-in member's tenant scope; reading for authors and owners, writing for
 * owners (auth/access.ts).
 */
import { Hono } from 'hono';
import { type PeopleList, PersonInput, TrackInput } from '../../shared/analytics-wire.ts';
import { isUuid } from '../../shared/sop.ts';
import { respondError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { jsonBody } from '../http/json-body.ts';
import { listPeople, readPerson, setTrack, upsertPerson } from './people.ts';
import { onboardingTeam } from './team.ts';
import { unknownSops } from './track-check.ts';

const noPerson = 'No person with this id.';

export const onboardingRoutes = () =>
  new Hono<AppEnv>()
    .get('/api/analytics/onboarding', async (c) => c.json(await onboardingTeam(c.var.db, c.get('orgId')), 200))
    .get('/api/analytics/people', async (c) => {
      const body: PeopleList = { people: await listPeople(c.var.db, c.get('orgId')) };
      return c.json(body, 200);
    })
    .put('/api/analytics/people/:personId', jsonBody(PersonInput), async (c) => {
      const id = c.req.param('personId');
      if (!isUuid(id)) return respondError(c, 404, 'not_found', noPerson);
      const person = { id, ...c.req.valid('json') };
      await upsertPerson(c.var.db, c.get('orgId'), person);
      return c.json(person, 200);
    })
    .put('/api/analytics/people/:personId/track', jsonBody(TrackInput), async (c) => {
      const id = c.req.param('personId');
      const orgId = c.get('orgId');
      if (!isUuid(id) || !(await readPerson(c.var.db, orgId, id))) {
        return respondError(c, 404, 'not_found', noPerson);
      }
      const { sopIds } = c.req.valid('json');
      if (new Set(sopIds).size !== sopIds.length) {
        return respondError(c, 400, 'invalid_request', 'A SOP appears twice in the track.');
      }
      const unknown = await unknownSops(c.var.db, orgId, sopIds);
      if (unknown.length > 0) return respondError(c, 400, 'unknown_sop', `Unknown SOP: ${unknown.join(', ')}`);
      await setTrack(c.var.db, orgId, id, sopIds);
      return c.json({ personId: id, sopIds }, 200);
    });
