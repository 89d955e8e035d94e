/**
 * Server start-up: time from spawning the process to the first healthy /api/health,
 * with a new PGlite data dir (initdb + migrations + demo seed) and with an existing one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../support/server-process.ts';
import type { BenchEntry } from './results.ts';

async function timedStart(dataDir: string): Promise<number> {
  const t0 = performance.now();
  const server = await startServer({ dataDir });
  const elapsed = performance.now() - t0;
  await server.stop();
  return elapsed;
}

export async function serverStartBenchmarks(): Promise<BenchEntry[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fieldbook-bench-'));
  try {
    const fresh = await timedStart(dataDir);
    const existing = [await timedStart(dataDir), await timedStart(dataDir), await timedStart(dataDir)].sort(
      (a, b) => a - b,
    )[1] as number;
    return [
      { id: 'server-start-new-pglite', value: fresh, unit: 'ms', budget: 15_000, better: 'lower' },
      { id: 'server-start-existing-pglite', value: existing, unit: 'ms', budget: 3_000, better: 'lower' },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
