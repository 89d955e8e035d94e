/**
 * Fills a real browser's `fieldbook` IndexedDB with queued runs, as weeks offline would.
 * The script runs inside the page (no test hook in the product): it writes rows of the
 * shape recordEvents writes — per-run `seq` from 0, gap-free per-device `deviceSeq`
 * continuing the device's `nextDeviceSeq`, `sync: 'pending'` — and the derived run rows,
 * all in one IndexedDB transaction with the counter, as recordEvents does.
 */
import type { Page } from 'playwright-core';

export interface SeedRequest {
  runs: number;
  /** Step ids visited in order by each run (step_started + step_completed each). */
  stepIds: string[];
  sopId: string;
  sopVersion: number;
}

export interface SeedResult {
  deviceId: string;
  runIds: string[];
  events: number;
  lastDeviceSeq: number;
}

/** Runs in the page: must not reference anything outside its own body. */
async function seedInPage(req: SeedRequest): Promise<SeedResult> {
  const open = indexedDB.open('fieldbook');
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const tx = idb.transaction(['events', 'runs', 'meta'], 'readwrite');
  const meta = tx.objectStore('meta');
  const read = (key: string) =>
    new Promise<unknown>((resolve) => {
      const r = meta.get(key);
      r.onsuccess = () => resolve((r.result as { value?: unknown } | undefined)?.value);
    });
  const deviceId = String(await read('deviceId'));
  // The signed-in person's runs, as the app would write them (the server refuses anyone else's).
  const account = (await read('account')) as { id?: string } | undefined;
  const userId = String(account?.id ?? (await read('userId')));
  let deviceSeq = Number((await read('nextDeviceSeq')) ?? 1);
  const pageLoadId = crypto.randomUUID().replaceAll('-', '');
  const runIds: string[] = [];
  let events = 0;
  const start = Date.now() - req.runs * 60_000;
  for (let r = 0; r < req.runs; r++) {
    const runId = crypto.randomUUID();
    runIds.push(runId);
    let at = start + r * 60_000;
    let seq = 0;
    const add = (type: string, payload: Record<string, unknown>) => {
      at += 1000;
      tx.objectStore('events').add({
        id: crypto.randomUUID(),
        runId,
        seq: seq++,
        deviceSeq: deviceSeq++,
        v: 1,
        type,
        payload,
        at,
        mono: at - start,
        pageLoadId,
        sync: 'pending',
      });
      events++;
    };
    const { sopId, sopVersion } = req;
    add('run_started', { sopId, sopVersion, userId, deviceId, training: false });
    for (const stepId of req.stepIds) {
      add('step_started', { stepId });
      add('step_completed', { stepId });
    }
    add('run_completed', { confirmedCriteria: [] });
    tx.objectStore('runs').put({
      id: runId,
      sopId,
      sopVersion,
      training: false,
      status: 'completed',
      paused: false,
      currentStepId: null,
      startedAt: start + r * 60_000,
      updatedAt: at,
    });
  }
  meta.put({ key: 'nextDeviceSeq', value: deviceSeq });
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  idb.close();
  return { deviceId, runIds, events, lastDeviceSeq: deviceSeq - 1 };
}

/** tsx compiles with keepNames, which wraps functions in `__name(...)`: give the page one. */
const defineNameHelper = (page: Page) => page.evaluate('globalThis.__name ??= (f) => f');

export async function seedQueuedRuns(page: Page, req: SeedRequest): Promise<SeedResult> {
  await defineNameHelper(page);
  return page.evaluate(seedInPage, req);
}

/** Runs in the page: how many events still wait in the outbox. */
async function pendingInPage(): Promise<number> {
  const open = indexedDB.open('fieldbook');
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const count = await new Promise<number>((resolve) => {
    const r = idb.transaction('events').objectStore('events').index('sync').count('pending');
    r.onsuccess = () => resolve(r.result);
  });
  idb.close();
  return count;
}

export async function countPending(page: Page): Promise<number> {
  await defineNameHelper(page);
  return page.evaluate(pendingInPage);
}
