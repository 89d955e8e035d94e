/** The sync API (wire format v1, src/shared/sync.ts): pull SOP versions, push run events. */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { MIN_PROTOCOL_VERSION, PROTOCOL_VERSION, PushRequest, type PullResponse } from '../../shared/sync.ts';
import { readEpoch } from '../db/server-meta.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { jsonBody, query } from '../http/json-body.ts';
import { ingestPush } from './ingest.ts';
import { DEFAULT_PULL_LIMIT, PullQuery, pullVersions } from './pull.ts';

/** A protocol this server does not speak is refused before the body's shape is judged. */
function unsupportedProtocol(value: unknown, c: Context): Response | null {
  if (typeof value !== 'object' || value === null || !('protocol' in value)) return null;
  const { protocol } = value;
  if (typeof protocol !== 'number' || (protocol >= MIN_PROTOCOL_VERSION && protocol <= PROTOCOL_VERSION)) return null;
  return c.json(
    {
      error: 'unsupported_protocol',
      message: `This server speaks sync protocol ${MIN_PROTOCOL_VERSION} to ${PROTOCOL_VERSION}.`,
      minimum: MIN_PROTOCOL_VERSION,
      maximum: PROTOCOL_VERSION,
    },
    426,
  );
}

export const syncRoutes = ({ deriver }: Pick<AppDeps, 'deriver'>) =>
  new Hono<AppEnv>()
    .get('/api/sync/pull', query(PullQuery), async (c) => {
      const q = c.req.valid('query');
      const orgId = c.get('orgId');
      const page = await pullVersions(c.var.db, orgId, Number(q.cursor ?? '0'), Number(q.limit ?? DEFAULT_PULL_LIMIT));
      const body: PullResponse = { protocol: PROTOCOL_VERSION, ...page, epoch: await readEpoch(c.var.db), orgId };
      return c.json(body, 200);
    })
    .post('/api/sync/push', jsonBody(PushRequest, unsupportedProtocol), async (c) => {
      const { db, orgId, user } = c.var;
      const answer = await ingestPush(db, orgId, c.req.valid('json'), Date.now(), user);
      c.var.afterCommit(() => deriver.wake());
      return c.json(answer, 200);
    });
