/**
 * What every request handler can rely on. On a route that needs a session (all but the
 * public ones, see auth/access.ts), the guard has found the signed-in member (`user`),
 * their organisation (`orgId`) and opened the request's tenant-scoped transaction (`db`):
 * handlers query through `c.var.db` only, never the raw database (auth/tenant-scope.ts).
 */
import type { Database, DatabaseKind, Transaction } from '../db/connect.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Deriver } from '../sync/deriver.ts';

export interface AppEnv {
  Variables: {
    orgId: string;
    db: Transaction;
    user: SessionUser;
    /** Runs `task` after the request's transaction commits (auth/tenant-scope.ts). */
    afterCommit: (task: () => void) => void;
  };
}

export interface AppDeps {
  /** The owner connection: only for public routes and for finding a session. */
  db: Database;
  kind: DatabaseKind;
  /** Derives the runs pushes queue, after they commit (sync/deriver.ts). */
  deriver: Deriver;
  /** Trust X-Forwarded-Proto / X-Forwarded-For (behind a reverse proxy). */
  trustProxy?: boolean | undefined;
}
