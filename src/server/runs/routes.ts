/** Reading derived runs: a technician only their own (run-access.ts). */
import { Hono } from 'hono';
import { isUuid } from '../../shared/sop.ts';
import { respondError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { readRun } from './read-run.ts';
import { seesEveryRun } from './run-access.ts';

export const runRoutes = () =>
  new Hono<AppEnv>().get('/api/runs/:id', async (c) => {
    const id = c.req.param('id');
    // A malformed id cannot name a run; checking it here also keeps it out of a uuid query.
    const run = isUuid(id) ? await readRun(c.var.db, c.get('orgId'), id) : null;
    if (!run || (!seesEveryRun(c.var.user) && run.userId !== c.var.user.userId))
      return respondError(c, 404, 'not_found', 'No run with this id.');
    return c.json(run, 200);
  });
