/**
 * Server settings from the environment and the command line:
 * PORT (8080), HOST (0.0.0.0), DATABASE_URL (postgres://…; empty or unset = embedded
 * PGlite), FIELDBOOK_DATA_DIR (./data), FIELDBOOK_STATIC_DIR (./dist), and
 * FIELDBOOK_DEMO=0 or --no-demo to start without the demo organisation, and
 * FIELDBOOK_NEW_EPOCH=1 or --new-epoch to renew the sync epoch after restoring a backup.
 * TLS_CERT and TLS_KEY (PEM file paths, both or neither) serve https directly — phones
 * need a secure context for the service worker; TRUST_PROXY=1 behind a reverse proxy that
 * terminates TLS (trusts its X-Forwarded-Proto / X-Forwarded-For).
 */
export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  staticDir: string;
  demo: boolean;
  /** Renew the sync epoch before serving (after a restore: see db/server-meta.ts). */
  newEpoch?: boolean;
  /** PEM certificate and key paths: serve https. */
  tls?: { certFile: string; keyFile: string } | undefined;
  trustProxy?: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 8080;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be 0–65535, got "${value}"`);
  return port;
}

function parseDatabaseUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^postgres(ql)?:\/\//.test(value))
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  return value;
}

function parseTls(cert: string | undefined, key: string | undefined): ServerConfig['tls'] {
  if (!cert && !key) return undefined;
  if (!cert || !key) throw new ConfigError('TLS_CERT and TLS_KEY go together: set both PEM file paths, or neither');
  return { certFile: cert, keyFile: key };
}

export function readConfig(env: NodeJS.ProcessEnv, argv: readonly string[]): ServerConfig {
  return {
    tls: parseTls(env.TLS_CERT, env.TLS_KEY),
    trustProxy: env.TRUST_PROXY === '1',
    port: parsePort(env.PORT),
    host: env.HOST || '0.0.0.0',
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL),
    dataDir: env.FIELDBOOK_DATA_DIR || './data',
    staticDir: env.FIELDBOOK_STATIC_DIR || './dist',
    demo: env.FIELDBOOK_DEMO !== '0' && !argv.includes('--no-demo'),
    newEpoch: env.FIELDBOOK_NEW_EPOCH === '1' || argv.includes('--new-epoch'),
  };
}
