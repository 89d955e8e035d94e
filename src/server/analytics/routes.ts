/**
 * The analytics API, JSON under /api/analytics (wire format: shared/analytics-wire.ts).
 * Every query runs in the signed-in member's tenant scope (`c.var.db`); authors and owners
 * only (auth/access.ts). Bad query parameters are answered 400 by the validators; an
 * unknown SOP, run or version — or another organisation's — 404.
 */
import { Hono } from 'hono';
import { AnalyticsFilters, CompareQuery, ExportQuery } from '../../shared/analytics-wire.ts';
import { isUuid } from '../../shared/sop.ts';
import { respondError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { query } from '../http/json-body.ts';
import { onboardingRoutes } from '../onboarding/routes.ts';
import { sopExists } from '../sops/read.ts';
import { exportRuns, exportSteps } from './export.ts';
import { readOverview } from './overview.ts';
import { readComparison, readSopReport } from './sop-report.ts';
import { readTimeline } from './timeline.ts';

const CSV_TYPE = 'text/csv; charset=utf-8';

export const analyticsRoutes = () => {
  const noSop = (c: Parameters<typeof respondError>[0]) => respondError(c, 404, 'not_found', 'No SOP with this id.');
  return new Hono<AppEnv>()
    .get('/api/analytics/overview', async (c) => c.json(await readOverview(c.var.db, c.get('orgId')), 200))
    .get('/api/analytics/sops/:sopId', query(AnalyticsFilters), async (c) => {
      const sopId = c.req.param('sopId');
      const report = isUuid(sopId) ? await readSopReport(c.var.db, c.get('orgId'), sopId, c.req.valid('query')) : null;
      return report ? c.json(report, 200) : noSop(c);
    })
    .get('/api/analytics/sops/:sopId/compare', query(CompareQuery), async (c) => {
      const sopId = c.req.param('sopId');
      if (!isUuid(sopId)) return noSop(c);
      const { a, b } = c.req.valid('query');
      const result = await readComparison(c.var.db, c.get('orgId'), sopId, Number(a), Number(b));
      if (result === 'no_sop') return noSop(c);
      if (result === 'no_version') return respondError(c, 404, 'not_found', 'This SOP has no such version.');
      return c.json(result, 200);
    })
    .get('/api/analytics/sops/:sopId/export/:what', query(ExportQuery), async (c) => {
      const { sopId, what } = c.req.param();
      if (what !== 'runs.csv' && what !== 'steps.csv') return respondError(c, 404, 'not_found', 'No such export.');
      if (!isUuid(sopId) || !(await sopExists(c.var.db, c.var.orgId, sopId))) return noSop(c);
      const { format, ...filters } = c.req.valid('query');
      const write = what === 'runs.csv' ? exportRuns : exportSteps;
      const body = await write(c.var.db, c.get('orgId'), sopId, filters, format ?? 'csv');
      const name = `${what.replace('.csv', '')}-${sopId}${format === 'excel-fr' ? '-excel' : ''}.csv`;
      return c.body(body, 200, { 'content-type': CSV_TYPE, 'content-disposition': `attachment; filename="${name}"` });
    })
    .get('/api/analytics/runs/:runId/timeline', async (c) => {
      const runId = c.req.param('runId');
      const timeline = isUuid(runId) ? await readTimeline(c.var.db, c.get('orgId'), runId) : null;
      return timeline ? c.json(timeline, 200) : respondError(c, 404, 'not_found', 'No run with this id.');
    })
    .route('/', onboardingRoutes());
};
