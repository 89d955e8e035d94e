/**
 * Outbox drain: a device with 500 queued runs (~10 000 events) in a real Chromium page
 * comes back online against a local server process; the time from the network coming
 * back to the last event acknowledged in the device's IndexedDB.
 */
import { PullResponse } from '../../src/shared/sync.ts';
import { newProfile } from '../support/browser.ts';
import { signInPage } from '../support/browser-session.ts';
import type { RunningServer } from '../support/server-process.ts';
import { countPending, seedQueuedRuns } from './drain-seed.ts';
import type { BenchEntry } from './results.ts';

const RUNS = 500;
/** run_started + 9 × (step_started, step_completed) + run_completed = 20 events a run. */
const STEPS_PER_RUN = 9;

async function sequentialDemoVersion(server: RunningServer) {
  const api = await server.fetcher('technician');
  const res = await api('/api/sync/pull?cursor=0&limit=100');
  const item = PullResponse.parse(await res.json()).items.find((i) => i.version.content.mode === 'sequential');
  if (!item) throw new Error('no sequential demo SOP');
  return item;
}

export async function drainBenchmarks(server: RunningServer): Promise<BenchEntry[]> {
  const { sop, version } = await sequentialDemoVersion(server);
  const steps = version.content.steps;
  const stepIds = Array.from({ length: STEPS_PER_RUN }, (_, i) => steps[i % steps.length]?.id ?? 'step');
  const profile = newProfile();
  const context = await profile.open();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await signInPage(page, server, 'technician');
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await context.setOffline(true);
    const seeded = await seedQueuedRuns(page, { runs: RUNS, stepIds, sopId: sop.id, sopVersion: version.version });
    const t0 = performance.now();
    await context.setOffline(false);
    while ((await countPending(page)) > 0) await new Promise((r) => setTimeout(r, 50));
    const seconds = (performance.now() - t0) / 1000;
    return [
      { id: 'outbox-drain-500-runs', value: seconds, unit: 's', budget: 10, better: 'lower' },
      { id: 'outbox-drain-rate', value: seeded.events / seconds, unit: 'events/s', budget: null, better: 'higher' },
    ];
  } finally {
    await context.close();
    profile.remove();
  }
}
