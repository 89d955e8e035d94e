/**
 * Runner benchmarks, in Chromium with the CPU throttled 4× (CDP
 * Emulation.setCPUThrottlingRate) and the network off:
 * - tap-to-durable: 200 taps on "Done" along a 200-step run; for each, the time from the
 *   click to the commit of its IndexedDB transaction and to the frame that paints the
 *   next step (the summary after the last one) (p50 and p95);
 * - opening a run in progress from the list, after a reload (lazy chunk from the service
 *   worker cache, IndexedDB read, first paint of the step): median of 5.
 * The long SOP is published straight into the server's PGlite data dir before it starts.
 * FIELDBOOK_BENCH_CPU_RATE overrides the throttling rate (e.g. 1 to see the unthrottled
 * figures); the budgets are for the default, 4.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { percentile } from '../../src/shared/percentile.ts';
import type { SopVersionContent } from '../../src/shared/sop.ts';
import { uuidv7 } from '../../src/shared/uuid.ts';
import { openDatabase } from '../../src/server/db/connect.ts';
import { orgs } from '../../src/server/db/schema.ts';
import { createSop, publishVersion } from '../../src/server/sops/publish.ts';
import { newProfile } from '../support/browser.ts';
import { signInWith } from '../support/browser-session.ts';
import { startServer } from '../support/server-process.ts';
import type { BenchEntry } from './results.ts';
import { installCommitProbe, openRunFromList, tapDone, type TapTiming } from './runner-page.ts';

// The schema's limit per version: the 200th tap ends the run and paints the summary instead.
const STEPS = 200;
const TAPS = 200;
const OPENS = 5;
const TITLE = 'Bench: long checklist';

function longContent(): SopVersionContent {
  return {
    mode: 'sequential',
    objective: { en: 'Benchmark a long run' },
    prerequisites: [],
    steps: Array.from({ length: STEPS }, (_, i) => ({
      id: `check-${i + 1}`,
      kind: 'check' as const,
      critical: false,
      title: { en: `Check item ${i + 1}` },
      instructions: { en: 'Look, then tap Done.' },
    })),
    acceptanceCriteria: [],
  };
}

/** A data dir holding the demo organisation plus the long SOP, and the demo technician's credentials. */
async function prepareDataDir(): Promise<{ dataDir: string; technician: { email: string; password: string } }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fieldbook-bench-runner-'));
  const seeded = await startServer({ dataDir });
  const technician = seeded.credentials().get('technician');
  await seeded.stop();
  if (!technician) throw new Error('the server printed no demo technician');
  const handle = await openDatabase({ dataDir });
  try {
    const [org] = await handle.db.select({ id: orgs.id }).from(orgs).orderBy(asc(orgs.createdAt)).limit(1);
    if (!org) throw new Error('the server did not create its organisation');
    const sopId = uuidv7();
    await handle.db.transaction(async (tx) => {
      await createSop(tx, { orgId: org.id, id: sopId, title: { en: TITLE }, category: 'operational' });
      await publishVersion(tx, { orgId: org.id, sopId, version: 1, content: longContent(), changeNote: 'bench' });
    });
  } finally {
    await handle.close();
  }
  return { dataDir, technician };
}

async function waitForController(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

async function measureOpens(page: Page): Promise<number[]> {
  const opens: number[] = [];
  for (let i = 0; i < OPENS; i++) {
    await page.goto(new URL('/', page.url()).href);
    await page.getByRole('link', { name: `Continue ${TITLE}` }).waitFor();
    opens.push(await openRunFromList(page, `Continue ${TITLE}`));
  }
  return opens;
}

async function measureTaps(page: Page): Promise<TapTiming[]> {
  const taps: TapTiming[] = [];
  for (let i = 0; i < TAPS; i++) taps.push(await tapDone(page));
  return taps;
}

const ms = (id: string, value: number | null, budget: number | null): BenchEntry => ({
  id,
  value: value ?? Number.NaN,
  unit: 'ms',
  budget,
  better: 'lower',
});

export async function runnerBenchmarks(): Promise<BenchEntry[]> {
  const { dataDir, technician } = await prepareDataDir();
  const server = await startServer({ dataDir });
  const profile = newProfile();
  const context = await profile.open();
  try {
    await installCommitProbe(context);
    const page = context.pages()[0] ?? (await context.newPage());
    await signInWith(page, server.url, technician);
    await page.goto(server.url);
    await waitForController(page);
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.locator('h2[id^="step-title-"]').waitFor();

    await context.setOffline(true);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.FIELDBOOK_BENCH_CPU_RATE ?? 4) });
    const opens = await measureOpens(page);
    const taps = await measureTaps(page);
    const commits = taps.map((t) => t.commitMs);
    const paints = taps.map((t) => t.paintMs);
    return [
      ms('runner-tap-commit-p50', percentile(commits, 0.5), null),
      ms('runner-tap-commit-p95', percentile(commits, 0.95), 30),
      ms(
        'runner-tap-transaction-p50',
        percentile(
          taps.map((t) => t.transactionMs),
          0.5,
        ),
        null,
      ),
      ms(
        'runner-tap-dom-p50',
        percentile(
          taps.map((t) => t.domMs),
          0.5,
        ),
        null,
      ),
      ms('runner-tap-paint-p50', percentile(paints, 0.5), null),
      ms('runner-tap-paint-p95', percentile(paints, 0.95), 50),
      ms('runner-open-from-list-offline', percentile(opens, 0.5), 300),
    ];
  } finally {
    await context.close();
    profile.remove();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
