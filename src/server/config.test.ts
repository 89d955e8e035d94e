import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config.ts';

describe('readConfig', () => {
  it('has defaults for a bare machine', () => {
    expect(readConfig({}, [])).toEqual({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: undefined,
      dataDir: './data',
      staticDir: './dist',
      demo: true,
      newEpoch: false,
      tls: undefined,
      trustProxy: false,
    });
  });

  it('reads every setting from the environment', () => {
    const env = {
      PORT: '9000',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://u@db:5432/fb',
      FIELDBOOK_DATA_DIR: '/var/lib/fieldbook',
      FIELDBOOK_STATIC_DIR: '/srv/www',
      FIELDBOOK_DEMO: '0',
      TLS_CERT: '/etc/fb/cert.pem',
      TLS_KEY: '/etc/fb/key.pem',
      TRUST_PROXY: '1',
    };
    expect(readConfig(env, [])).toEqual({
      tls: { certFile: '/etc/fb/cert.pem', keyFile: '/etc/fb/key.pem' },
      trustProxy: true,
      port: 9000,
      host: '127.0.0.1',
      databaseUrl: 'postgres://u@db:5432/fb',
      dataDir: '/var/lib/fieldbook',
      staticDir: '/srv/www',
      demo: false,
      newEpoch: false,
    });
  });

  it('treats an empty DATABASE_URL as unset (embedded PGlite)', () => {
    expect(readConfig({ DATABASE_URL: '' }, []).databaseUrl).toBeUndefined();
  });

  it('skips the demo with --no-demo', () => {
    expect(readConfig({}, ['--no-demo']).demo).toBe(false);
    expect(readConfig({ FIELDBOOK_DEMO: '1' }, []).demo).toBe(true);
  });

  it('renews the sync epoch with --new-epoch or FIELDBOOK_NEW_EPOCH=1', () => {
    expect(readConfig({}, ['--new-epoch']).newEpoch).toBe(true);
    expect(readConfig({ FIELDBOOK_NEW_EPOCH: '1' }, []).newEpoch).toBe(true);
    expect(readConfig({ FIELDBOOK_NEW_EPOCH: '0' }, []).newEpoch).toBe(false);
  });

  it.each([{ PORT: 'http' }, { PORT: '70000' }, { DATABASE_URL: 'mysql://x' }, { TLS_CERT: '/c.pem' }])(
    'refuses %o',
    (env) => {
      expect(() => readConfig(env, [])).toThrow(ConfigError);
    },
  );
});
