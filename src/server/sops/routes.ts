/**
 * The authoring API under /api/sops: library, drafts (optimistic version check), publish,
 * review, archive, history, diff, JSON export and import. Every request acts for the
 * signed-in member's organisation (`c.var.db`, auth/tenant-scope.ts); who may call what is
 * in auth/access.ts. Every write body is validated with the shared schemas (400 with issues).
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import {
  type ConflictBody,
  CreateSopRequest,
  DiffQuery,
  type DraftEnvelope,
  PublishRequest,
  ReviewRequest,
  SaveDraftRequest,
} from '../../shared/sop-api.ts';
import { diffVersions } from '../../shared/sop-diff.ts';
import { parseSopExport, exportFileName } from '../../shared/sop-export.ts';
import { readMember } from '../auth/accounts.ts';
import { recordAudit } from '../auth/audit.ts';
import { respondError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { jsonBody, query } from '../http/json-body.ts';
import { readDraft, saveDraft } from './drafts.ts';
import { createSopWithDraft, markReviewed, publishDraft, setArchived } from './lifecycle.ts';
import { listSopSummaries, readSopDetail, readSopSummary, readVersion } from './read.ts';
import { exportSop, importSop } from './transfer.ts';
import { uuidParam } from '../http/uuid-param.ts';

const notFound = (c: Context) => respondError(c, 404, 'not_found', 'No SOP with this id.');

/** The :id of the path if it is a uuid (anything else cannot name a SOP). */
const sopIdOf = (c: Context): string | null => uuidParam(c, 'id');

const conflict = (c: Context, current: DraftEnvelope) => {
  const body: ConflictBody = {
    error: 'conflict',
    message: 'The draft was changed by someone else since you opened it.',
    current,
  };
  return c.json(body, 409);
};

/** The signed-in member's name: drafts and reviews record who did them. */
const memberName = async (c: Context<AppEnv>): Promise<string | null> =>
  (await readMember(c.var.db, c.var.orgId, c.var.user.userId))?.name ?? null;

const VersionParam = z.string().check(z.regex(/^\d{1,6}$/));

export function sopRoutes() {
  async function archiveRoute(c: Context<AppEnv>, archived: boolean) {
    const id = sopIdOf(c);
    if (!id) return notFound(c);
    const { db, user } = c.var;
    const result = await setArchived(db, user.orgId, id, archived);
    if (result.status === 'not_found') return notFound(c);
    const action = archived ? 'sop_archived' : 'sop_unarchived';
    await recordAudit(db, { orgId: user.orgId, actorId: user.userId, action, target: id });
    return c.json(await readSopSummary(c.var.db, c.get('orgId'), id, Date.now()), 200);
  }

  return new Hono<AppEnv>()
    .get('/api/sops', async (c) => {
      const now = Date.now();
      return c.json({ items: await listSopSummaries(c.var.db, c.get('orgId'), now), now }, 200);
    })
    .post('/api/sops', jsonBody(CreateSopRequest), async (c) => {
      const { draft } = c.req.valid('json');
      const id = await createSopWithDraft(c.var.db, c.get('orgId'), draft, await memberName(c));
      return c.json(await readDraft(c.var.db, c.get('orgId'), id), 201);
    })
    .post('/api/sops/import', jsonBody(z.unknown()), async (c) => {
      const parsed = parseSopExport(c.req.valid('json'));
      if (!parsed.ok) {
        const issues = parsed.problems.map((p) => ({ path: p.path, message: p.reason }));
        return respondError(
          c,
          400,
          'invalid_import',
          'The file is not a valid SOP export; nothing was imported.',
          issues,
        );
      }
      const id = await importSop(c.var.db, c.get('orgId'), parsed.file);
      return c.json({ id }, 201);
    })
    .get('/api/sops/:id', async (c) => {
      const id = sopIdOf(c);
      const detail = id ? await readSopDetail(c.var.db, c.get('orgId'), id, Date.now()) : null;
      return detail ? c.json(detail, 200) : notFound(c);
    })
    .get('/api/sops/:id/draft', async (c) => {
      const id = sopIdOf(c);
      const envelope = id ? await readDraft(c.var.db, c.get('orgId'), id) : null;
      return envelope ? c.json(envelope, 200) : notFound(c);
    })
    .put('/api/sops/:id/draft', jsonBody(SaveDraftRequest), async (c) => {
      const id = sopIdOf(c);
      if (!id) return notFound(c);
      const body = c.req.valid('json');
      const result = await saveDraft(c.var.db, c.get('orgId'), id, {
        basedOn: body.revision,
        draft: body.draft,
        author: await memberName(c),
      });
      if (result.status === 'not_found') return notFound(c);
      if (result.status === 'conflict') return conflict(c, result.current);
      return c.json(result.envelope, 200);
    })
    .post('/api/sops/:id/publish', jsonBody(PublishRequest), async (c) => {
      const id = sopIdOf(c);
      if (!id) return notFound(c);
      const { db, user } = c.var;
      const result = await publishDraft(db, user.orgId, id, { ...c.req.valid('json'), publishedBy: user.userId });
      switch (result.status) {
        case 'not_found':
          return notFound(c);
        case 'archived':
          return respondError(c, 409, 'archived', 'Unarchive this SOP before publishing a new version.');
        case 'conflict':
          return conflict(c, result.current);
        case 'invalid': {
          const issues = result.problems.map((p) => ({ path: p.path.join('.'), message: p.code }));
          return respondError(c, 400, 'invalid_draft', 'The draft cannot be published yet.', issues);
        }
        default:
          await recordAudit(db, {
            orgId: user.orgId,
            actorId: user.userId,
            action: 'sop_published',
            target: id,
            detail: { version: result.version },
          });
          return c.json({ version: result.version, revision: result.revision, cursor: String(result.cursor) }, 200);
      }
    })
    .post('/api/sops/:id/review', jsonBody(ReviewRequest), async (c) => {
      const id = sopIdOf(c);
      if (!id) return notFound(c);
      const outcome = await markReviewed(c.var.db, c.get('orgId'), id, await memberName(c));
      if (outcome === 'not_found') return notFound(c);
      if (outcome === 'not_published') {
        return respondError(c, 409, 'not_published', 'Only a published SOP can be marked as reviewed.');
      }
      return c.json(await readSopSummary(c.var.db, c.get('orgId'), id, Date.now()), 200);
    })
    .post('/api/sops/:id/archive', async (c) => archiveRoute(c, true))
    .post('/api/sops/:id/unarchive', async (c) => archiveRoute(c, false))
    .get('/api/sops/:id/versions/:version', async (c) => {
      const id = sopIdOf(c);
      const version = c.req.param('version');
      const found =
        id && VersionParam.safeParse(version).success
          ? await readVersion(c.var.db, c.get('orgId'), id, Number(version))
          : null;
      return found ? c.json(found, 200) : respondError(c, 404, 'not_found', 'No such version of this SOP.');
    })
    .get('/api/sops/:id/diff', query(DiffQuery), async (c) => {
      const id = sopIdOf(c);
      if (!id) return notFound(c);
      const q = c.req.valid('query');
      const [from, to] = await Promise.all([
        readVersion(c.var.db, c.get('orgId'), id, Number(q.from)),
        readVersion(c.var.db, c.get('orgId'), id, Number(q.to)),
      ]);
      if (!from || !to) return respondError(c, 404, 'not_found', 'No such version of this SOP.');
      return c.json({ from: from.version, to: to.version, diff: diffVersions(from.content, to.content) }, 200);
    })
    .get('/api/sops/:id/export', async (c) => {
      const id = sopIdOf(c);
      const file = id ? await exportSop(c.var.db, c.get('orgId'), id, Date.now()) : null;
      if (!file) return notFound(c);
      c.header('Content-Disposition', `attachment; filename="${exportFileName(file.sop.title)}"`);
      return c.json(file, 200);
    });
}
