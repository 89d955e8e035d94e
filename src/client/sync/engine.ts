/**
 * The sync engine: push the outbox, upload photos, pull SOP versions, prune.
 *
 * One sender per origin: every pass runs inside the Web Lock `fieldbook-sync`, which
 * every tab of this origin requests (waiting, not skipping, so a write made in another
 * tab is never left behind by a skipped turn). Where Web Locks are missing, passes are
 * serialised within the page only — another tab may then send the same events at the
 * same time, which the idempotent server answers with `duplicate`, never a second row.
 * Within a page, a trigger that arrives during a pass joins it and asks for one more
 * pass afterwards, so batches never overlap and no write waits for the next timer.
 *
 * Triggers: app start, `online`, the page becoming visible, 2 s after a local write,
 * every 60 s while visible, the "Sync now" button. After a failure, automatic triggers
 * wait for an exponential backoff with full jitter (1 s … 5 min, never less than the
 * server's Retry-After); `online` and "Sync now" skip the backoff, not a Retry-After.
 * A 426 stops all sync until the page reloads (the app must update first). A 401 means
 * "needs sign-in": nothing is acked or dropped, no backoff timer is armed, and automatic
 * triggers stay silent (they only re-read the device's sign-in state, which another tab
 * may have renewed) until a sign-in resumes sync at once with everything that waited;
 * "Sync now" still tries.
 */
import { isSignInRequired, markSignInRequired, onSignedIn } from '../auth/account-store.ts';
import { ensureIdentity, setMeta } from '../db/meta.ts';
import { onLocalWrite } from '../db/record.ts';
import { nextDelay } from './backoff.ts';
import type { FetchLike, HttpFailure, SyncErrorReason } from './http.ts';
import { pruneAcked } from './outbox.ts';
import { uploadPhotos } from './photo-upload.ts';
import { pullSops } from './pull.ts';
import { pushPending } from './push.ts';
import { getSyncRuntime, updateSyncRuntime } from './status.ts';

export const WRITE_DEBOUNCE_MS = 2_000;
export const INTERVAL_MS = 60_000;
export const LOCK_NAME = 'fieldbook-sync';

export type SyncTrigger = 'start' | 'online' | 'visible' | 'write' | 'interval' | 'manual' | 'retry';
export type SyncResult = { ok: true } | { ok: false; reason: SyncErrorReason | 'backoff'; status?: number };

/** The part of `navigator.locks` the engine uses (tests give a fake shared by two engines). */
export interface LockRequester {
  request<T>(name: string, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

export interface SyncEngineOptions {
  fetch?: FetchLike;
  /** null = no Web Locks; undefined = the browser's, when it has them. */
  locks?: LockRequester | null;
  random?: () => number;
}

/** Failures after which pulling SOPs is pointless in the same pass. */
const STOPS_PASS: ReadonlySet<SyncErrorReason> = new Set(['offline', 'timeout', 'update_required', 'sign_in_required']);

/** Triggers that try the network even while a sign-in is needed. */
const ASKED_BY_USER: ReadonlySet<SyncTrigger> = new Set(['manual']);

function browserLocks(): LockRequester | null {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? { request: (name, callback) => locks.request(name, callback) } : null;
}

export class SyncEngine {
  private readonly fetch: FetchLike;
  private readonly locks: LockRequester | null;
  private readonly random: () => number;
  private inFlight: Promise<SyncResult> | null = null;
  private again = false;
  private failures = 0;
  private backoffUntil = 0;
  private retryAfterUntil = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private updateRequired = false;
  private signInRequired = false;

  constructor(options: SyncEngineOptions = {}) {
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.locks = options.locks === undefined ? browserLocks() : options.locks;
    this.random = options.random ?? Math.random;
  }

  /** Runs a pass now (or joins the one running), unless a backoff or a block holds it. */
  sync(trigger: SyncTrigger): Promise<SyncResult> {
    if (this.updateRequired) return Promise.resolve({ ok: false, reason: 'update_required' });
    if (this.signInRequired && !ASKED_BY_USER.has(trigger)) return this.unlessSignedInElsewhere(trigger);
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    const now = Date.now();
    const manual = trigger === 'manual' || trigger === 'online';
    if (now < this.retryAfterUntil || (!manual && now < this.backoffUntil)) {
      return Promise.resolve({ ok: false, reason: 'backoff' });
    }
    updateSyncRuntime({ syncing: true });
    const pass = this.withLock(() => this.pass())
      .then(async (result) => {
        // Stored before the next trigger looks at it (see unlessSignedInElsewhere).
        if (!result.ok && result.reason === 'sign_in_required') await markSignInRequired();
        return result;
      })
      .catch((): SyncResult => ({ ok: false, reason: 'offline' }))
      .then((result) => this.settle(result));
    this.inFlight = pass.finally(() => {
      this.inFlight = null;
      updateSyncRuntime({ syncing: false });
      if (this.again) {
        this.again = false;
        void this.sync('retry');
      }
    });
    return this.inFlight;
  }

  /** A sign-in happened: lift the block and send at once everything that waited. */
  resumeAfterSignIn(): Promise<SyncResult> {
    this.signInRequired = false;
    this.failures = 0;
    this.backoffUntil = 0;
    if (getSyncRuntime().block?.kind === 'sign_in_required') updateSyncRuntime({ block: null, nextAttemptAt: null });
    return this.sync('manual');
  }

  /** While a sign-in is needed, an automatic trigger only checks whether another tab signed in. */
  private async unlessSignedInElsewhere(trigger: SyncTrigger): Promise<SyncResult> {
    if (await isSignInRequired()) return { ok: false, reason: 'sign_in_required' };
    return this.signInRequired ? this.resumeAfterSignIn() : this.sync(trigger);
  }

  /** Starts every trigger; returns a function that stops them all. */
  start(): () => void {
    let debounce: ReturnType<typeof setTimeout> | undefined;
    const run = (trigger: SyncTrigger) => () => void this.sync(trigger);
    const goOnline = () => {
      updateSyncRuntime({ online: true });
      void this.sync('online');
    };
    const goOffline = () => updateSyncRuntime({ online: false });
    const visible = () => document.visibilityState === 'visible';
    const onVisibility = () => visible() && void this.sync('visible');
    const stopSignIn = onSignedIn(() => void this.resumeAfterSignIn());
    const stopWrites = onLocalWrite(() => {
      clearTimeout(debounce);
      debounce = setTimeout(run('write'), WRITE_DEBOUNCE_MS);
    });
    const interval = setInterval(() => visible() && void this.sync('interval'), INTERVAL_MS);
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    document.addEventListener('visibilitychange', onVisibility);
    void pruneAcked().catch(() => undefined);
    void this.sync('start');
    return () => {
      stopSignIn();
      stopWrites();
      clearTimeout(debounce);
      clearTimeout(this.retryTimer);
      clearInterval(interval);
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }

  private withLock(run: () => Promise<SyncResult>): Promise<SyncResult> {
    return this.locks ? this.locks.request(LOCK_NAME, run) : run();
  }

  private async pass(): Promise<SyncResult | HttpFailure> {
    const { deviceId } = await ensureIdentity();
    // Push first: the technician's work leaving the phone matters more than new SOPs.
    const pushed = await pushPending(this.fetch, deviceId);
    if (!pushed.ok && STOPS_PASS.has(pushed.reason)) return pushed;
    const uploaded = pushed.ok ? await uploadPhotos(this.fetch) : pushed;
    if (!uploaded.ok && STOPS_PASS.has(uploaded.reason)) return uploaded;
    const pulled = await pullSops(this.fetch);
    const failure = [pushed, uploaded, pulled].find((r) => !r.ok);
    if (failure && !failure.ok) return failure;
    await setMeta('lastSyncAt', Date.now());
    await pruneAcked();
    return { ok: true };
  }

  /** Records the outcome in the status and arms the backoff after a failure. */
  private settle(result: SyncResult | HttpFailure): SyncResult {
    clearTimeout(this.retryTimer);
    if (result.ok) {
      this.signInRequired = false;
      this.failures = 0;
      this.backoffUntil = 0;
      updateSyncRuntime({ lastError: null, nextAttemptAt: null, block: null });
      return result;
    }
    if (result.reason === 'backoff') return result;
    const at = Date.now();
    updateSyncRuntime({ lastError: { reason: result.reason, status: result.status, at } });
    if (result.reason === 'update_required') {
      this.updateRequired = true;
      const minimum = 'minimum' in result && result.minimum !== undefined ? result.minimum : null;
      updateSyncRuntime({ block: { kind: 'update_required', minimum }, nextAttemptAt: null });
      return { ok: false, reason: result.reason, status: result.status };
    }
    if (result.reason === 'sign_in_required') {
      // Not a failure to retry: only a sign-in helps, and it resumes sync itself.
      this.signInRequired = true;
      this.failures = 0;
      this.backoffUntil = 0;
      updateSyncRuntime({ block: { kind: 'sign_in_required' }, nextAttemptAt: null });
      return { ok: false, reason: result.reason, status: result.status };
    }
    this.failures += 1;
    const retryAfter = 'retryAfterMs' in result ? result.retryAfterMs : undefined;
    const delay = nextDelay(this.failures, retryAfter, this.random);
    this.backoffUntil = at + delay;
    this.retryAfterUntil = retryAfter === undefined ? 0 : at + retryAfter;
    this.retryTimer = setTimeout(() => void this.sync('retry'), delay);
    updateSyncRuntime({ nextAttemptAt: this.backoffUntil });
    return { ok: false, reason: result.reason, status: result.status };
  }
}

let appEngine: SyncEngine | null = null;

/** The page's engine (created on first use with the browser's fetch and locks). */
export function getSyncEngine(): SyncEngine {
  appEngine ??= new SyncEngine();
  return appEngine;
}

/**
 * "Sync now": runs a pass at once (or joins the one running). A caller that brings its
 * own transport (`fetchImpl`) gets a fresh page engine on it.
 */
export function syncNow(fetchImpl?: FetchLike): Promise<SyncResult> {
  if (fetchImpl) appEngine = new SyncEngine({ fetch: fetchImpl });
  return getSyncEngine().sync('manual');
}

/** Starts every sync trigger of the page; returns a function that stops them all. */
export function startSyncLoop(): () => void {
  return getSyncEngine().start();
}
