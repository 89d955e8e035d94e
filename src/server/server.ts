/**
 * A running Fieldbook server: open the database, migrate and seed it, listen; and the
 * graceful stop that SIGINT/SIGTERM trigger: stop accepting connections, let in-flight
 * requests finish, let the deriver finish its transaction, then close the database (which
 * removes the PGlite lock). A request
 * that never ends cannot hold the stop forever: after `graceMs` open sockets are cut.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import type { ServerConfig } from './config.ts';
import { type DatabaseHandle, type DatabaseKind, openDatabase } from './db/connect.ts';
import { prepareDatabase } from './db/prepare.ts';
import type { DemoCredential } from './seed.ts';
import { Deriver } from './sync/deriver.ts';

export interface RunningServer {
  url: string;
  kind: DatabaseKind;
  database: DatabaseHandle;
  /** Stops accepting, drains in-flight requests, closes the database. Idempotent. */
  stop(): Promise<void>;
}

type HttpServer = ReturnType<typeof serve>;

function listen(
  fetch: (req: Request) => Response | Promise<Response>,
  port: number,
  host: string,
  tls: ServerConfig['tls'],
) {
  const secure = tls
    ? {
        createServer: createHttpsServer,
        serverOptions: { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) },
      }
    : {};
  return new Promise<{ server: HttpServer; address: AddressInfo }>((resolve, reject) => {
    const server = serve({ fetch, port, hostname: host, ...secure }, (address) => resolve({ server, address }));
    server.once('error', reject);
  });
}

function closeServer(server: HttpServer, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const http = 'closeIdleConnections' in server ? server : null;
    // A keep-alive connection turns idle once its request is answered; close it then,
    // rather than waiting for the client to hang up.
    const sweep = setInterval(() => http?.closeIdleConnections(), 50);
    const force = setTimeout(() => http?.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(force);
      resolve();
    });
  });
}

/** The host to print: a wildcard bind is reachable as localhost from this machine. */
function urlHost({ address, family }: AddressInfo): string {
  if (address === '0.0.0.0' || address === '::') return 'localhost';
  return family === 'IPv6' ? `[${address}]` : address;
}

/** Printed once, when the demo accounts are created: their passwords are stored only hashed. */
function printDemoCredentials(credentials: readonly DemoCredential[]): void {
  if (credentials.length === 0) return;
  console.log('Demo accounts (shown only now, keep them):');
  for (const { role, email, password } of credentials)
    console.log(`  ${role.padEnd(10)} ${email}  password: ${password}`);
}

export async function startServer(config: ServerConfig, graceMs = 10_000): Promise<RunningServer> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let listening: { server: HttpServer; address: AddressInfo };
  const deriver = new Deriver(database.db);
  try {
    const seeded = await prepareDatabase(database, { demo: config.demo, history: config.demo });
    printDemoCredentials(seeded.credentials);
    const app = createApp({
      db: database.db,
      kind: database.kind,
      staticDir: config.staticDir,
      trustProxy: config.trustProxy,
      deriver,
    });
    listening = await listen(app.fetch, config.port, config.host, config.tls);
    // Runs queued before a crash or a stop are derived now.
    deriver.wake();
  } catch (error) {
    await deriver.stop();
    await database.close();
    throw error;
  }
  const { server, address } = listening;
  const host = urlHost(address);
  let stopping: Promise<void> | null = null;
  return {
    url: `${config.tls ? 'https' : 'http'}://${host}:${address.port}`,
    kind: database.kind,
    database,
    stop: () => {
      stopping ??= closeServer(server, graceMs)
        .then(() => deriver.stop())
        .then(() => database.close());
      return stopping;
    },
  };
}
