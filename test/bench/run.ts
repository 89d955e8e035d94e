/**
 * `npm run bench`: runs every benchmark against the production build, prints a table and
 * writes bench-results.json. Budgets are reported, never asserted in tests (the machines
 * are shared and noisy); the exit code is non-zero only when a benchmark cannot run.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../support/server-process.ts';
import { analyticsBenchmarks } from './analytics.ts';
import { bundleBenchmarks } from './bundle.ts';
import { drainBenchmarks } from './drain.ts';
import { ingestBenchmarks } from './ingest.ts';
import { type BenchEntry, formatTable } from './results.ts';
import { runnerBenchmarks } from './runner.ts';
import { serverStartBenchmarks } from './server-start.ts';

const entries: BenchEntry[] = [];
const server = await startServer();
try {
  entries.push(...(await bundleBenchmarks(server)));
  entries.push(...(await drainBenchmarks(server)));
} finally {
  await server.stop();
}
entries.push(...(await serverStartBenchmarks()));
entries.push(...(await runnerBenchmarks()));
entries.push(...(await ingestBenchmarks()));
entries.push(...(await analyticsBenchmarks()));

const out = join(import.meta.dirname, '../../bench-results.json');
writeFileSync(out, `${JSON.stringify(entries, null, 2)}\n`);
console.log(formatTable(entries));
console.log(`\nwritten to ${out}`);
