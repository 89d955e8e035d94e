/**
 * Layer boundaries of design.md, checked on the source text (the lint rule in biome.json
 * says the same; this test also checks that what the client takes from the server is
 * types only): shared imports neither client nor server; client imports only types from
 * server; server never imports client.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx)$/.test(f))
    .map((f) => join(dir, f));
}

function imports(file: string): { spec: string; typeOnly: boolean }[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => ({ spec: m[3] ?? '', typeOnly: Boolean(m[2]) }));
}

const layerOf = (file: string, spec: string): string | null => {
  if (!spec.startsWith('.')) return null;
  const target = relative(root, join(root, file, '..', spec));
  return target.split('/')[1] ?? null;
};

describe('layer boundaries', () => {
  it('src/shared imports neither client nor server, nor any runtime-specific package', () => {
    const bad = sources('src/shared').flatMap((f) =>
      imports(f)
        .filter(
          ({ spec }) =>
            ['client', 'server'].includes(layerOf(f, spec) ?? '') ||
            /^(node:|dexie|hono|drizzle-orm|preact|pg$|@electric-sql)/.test(spec),
        )
        .map(({ spec }) => `${f} → ${spec}`),
    );
    expect(bad).toEqual([]);
  });

  it('src/client imports only types from src/server', () => {
    const bad = sources('src/client').flatMap((f) =>
      imports(f)
        .filter(({ spec, typeOnly }) => layerOf(f, spec) === 'server' && !typeOnly)
        .map(({ spec }) => `${f} → ${spec}`),
    );
    expect(bad).toEqual([]);
  });

  it('src/server never imports src/client', () => {
    const bad = sources('src/server').flatMap((f) =>
      imports(f)
        .filter(({ spec }) => layerOf(f, spec) === 'client')
        .map(({ spec }) => `${f} → ${spec}`),
    );
    expect(bad).toEqual([]);
  });
});
