/**
 * The background deriver: empties `derive_queue` (derive-queue.ts) after pushes commit.
 *
 * One drain at a time per process. `wake()` starts a drain once pushes pause (200 ms, or
 * 2 s at most after a push: acknowledging a device's batches comes before deriving them),
 * or asks the running one to look again when it ends, so a burst of pushes costs a few
 * drains, each taking up to DERIVE_CHUNK queued rows per transaction. Each organisation is derived in its own
 * tenant transaction (auth/tenant-scope.ts), skipping rows another transaction holds
 * (a read catching up, another server process).
 *
 * Failures: when a chunk fails, its runs are derived one per transaction, so one run that
 * cannot be derived (a bug) does not hold back the others; such a run is logged and left
 * queued, skipped by the background for ten minutes (a read still tries it, under a
 * savepoint). When the database itself fails, the drain retries after a delay that doubles
 * from 1 s to 1 min. Nothing is lost either way: the events are stored, and the queue
 * keeps what remains to derive until it is.
 */
import { sql } from 'drizzle-orm';
import { queryRows, str } from '../analytics/sql-rows.ts';
import { withTenant } from '../auth/tenant-scope.ts';
import type { Database, Transaction } from '../db/connect.ts';
import { DERIVE_CHUNK, deriveQueued } from './derive-queue.ts';
import { deriveRuns } from './derive-runs.ts';

const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 60_000;
/** Pushes pause this long before the deriver starts (a device's batches follow each other closely)… */
const QUIET_MS = 200;
/** …and it never waits longer than this after a push, even under steady load. */
const MAX_DELAY_MS = 2_000;
/** How long a run that failed alone is skipped before the background tries it again. */
const FAILED_RUN_PAUSE_MS = 10 * 60_000;

export interface DeriverOptions {
  /** Where failures are reported (console.error by default). */
  log?: (message: string, error: unknown) => void;
  /** After a wake, wait until pushes have paused this long… */
  quietMs?: number;
  /** …but never longer than this after the first wake not yet served. */
  maxDelayMs?: number;
}

export class Deriver {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private wakeTimer: ReturnType<typeof setTimeout> | null = null;
  private firstWakeAt: number | null = null;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Runs whose derivation failed alone, and until when this process skips them (see the header). */
  private readonly failedRuns = new Map<string, number>();
  private readonly log: (message: string, error: unknown) => void;
  private readonly quietMs: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly db: Database,
    options: DeriverOptions = {},
  ) {
    this.log = options.log ?? ((message, error) => console.error(message, error));
    this.quietMs = options.quietMs ?? QUIET_MS;
    this.maxDelayMs = options.maxDelayMs ?? MAX_DELAY_MS;
  }

  /**
   * Derives what is queued once pushes pause; call it after a push commits (and at
   * start-up). A device sending its outbox sends batch after batch: its acknowledgements
   * come first, the derivation right after (or every `maxDelayMs` under steady load).
   */
  wake(): void {
    if (this.stopped) return;
    const now = Date.now();
    this.firstWakeAt ??= now;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    const wait = Math.max(0, Math.min(this.quietMs, this.firstWakeAt + this.maxDelayMs - now));
    this.wakeTimer = setTimeout(() => this.start(), wait);
    this.wakeTimer.unref?.();
  }

  /** Derives what is queued now, and resolves when it is done (or failed); for tests and the benchmark. */
  async drain(): Promise<void> {
    this.start();
    while (this.running) await this.running;
  }

  /** Stops waking; waits for the drain in progress (before the database closes). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.running;
  }

  private start(): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    this.firstWakeAt = null;
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drainLoop().finally(() => {
      this.running = null;
    });
  }

  private async drainLoop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.drainOnce();
        this.retryMs = FIRST_RETRY_MS;
      } catch (error) {
        this.log(`deriving queued runs failed; retrying in ${this.retryMs} ms:`, error);
        this.scheduleRetry();
        return;
      }
    } while (this.again && !this.stopped);
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.start();
    }, this.retryMs);
    this.retryTimer.unref?.();
    this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
  }

  /** Every organisation with queued rows, until none is left to take. */
  private async drainOnce(): Promise<void> {
    const orgs = await queryRows(this.db, sql`select distinct org_id from derive_queue`);
    for (const row of orgs) {
      const orgId = str(row.org_id);
      while (!this.stopped && (await this.deriveChunk(orgId))) {}
    }
  }

  /** One chunk of the organisation's queue; false when there was nothing to take. */
  private async deriveChunk(orgId: string): Promise<boolean> {
    const now = Date.now();
    for (const [runId, until] of this.failedRuns) if (until <= now) this.failedRuns.delete(runId);
    const options = { limit: DERIVE_CHUNK, skipLocked: true, except: [...this.failedRuns.keys()] };
    try {
      const taken = await withTenant(this.db, orgId, (tx) => deriveQueued(tx, orgId, options));
      return taken.length > 0;
    } catch (chunkError) {
      // Find out whether one run is at fault: take the same rows one run at a time.
      const queued = await withTenant(this.db, orgId, (tx) =>
        queryRows(
          tx,
          sql`select distinct run_id from (select run_id from derive_queue where org_id = ${orgId}
            order by id limit ${DERIVE_CHUNK}) as chunk`,
        ),
      );
      let progressed = false;
      for (const { run_id } of queued) {
        const runId = str(run_id);
        if (this.failedRuns.has(runId)) continue;
        try {
          await withTenant(this.db, orgId, (tx) => deriveRunNow(tx, orgId, runId));
          progressed = true;
        } catch (runError) {
          this.failedRuns.set(runId, Date.now() + FAILED_RUN_PAUSE_MS);
          this.log(`run ${runId} could not be derived; it stays queued:`, runError);
        }
      }
      if (!progressed && this.failedRuns.size === 0) throw chunkError;
      return progressed;
    }
  }
}

/** Takes every queued row of one run and derives it (the deriver's one-run fallback). */
async function deriveRunNow(tx: Transaction, orgId: string, runId: string) {
  await tx.execute(sql`delete from derive_queue where org_id = ${orgId} and run_id = ${runId}`);
  await deriveRuns(tx, orgId, [runId]);
}
