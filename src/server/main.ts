/**
 * Entry point: `node --import tsx src/server/main.ts` (settings: see config.ts).
 * Logs one line when ready; stops gracefully on SIGINT/SIGTERM and exits 0.
 */
import { readConfig } from './config.ts';
import { renewEpochBeforeStart } from './db/server-meta.ts';
import { startServer } from './server.ts';

async function main(): Promise<void> {
  const config = readConfig(process.env, process.argv.slice(2));
  if (config.newEpoch) console.log(`sync epoch renewed: ${await renewEpochBeforeStart(config)}`);
  const running = await startServer(config);
  console.log(`Fieldbook listening on ${running.url} (database: ${running.kind})`);
  const shutdown = (signal: string) => {
    console.log(`${signal} received: finishing requests, then closing the database`);
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
