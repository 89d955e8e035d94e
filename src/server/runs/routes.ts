/** Reading derived runs. */
import { Hono } from 'hono';
import { Uuid } from '../../shared/sop.ts';
import { respondError } from '../http/api-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { readRun } from './read-run.ts';

export const runRoutes = ({ db }: AppDeps) =>
  new Hono<AppEnv>().get('/api/runs/:id', async (c) => {
    const id = c.req.param('id');
    // A malformed id cannot name a run; checking it here also keeps it out of a uuid query.
    const run = Uuid.safeParse(id).success ? await readRun(db, c.get('orgId'), id) : null;
    if (!run) return respondError(c, 404, 'not_found', 'No run with this id.');
    return c.json(run, 200);
  });
