/**
 * The only server module the client may import, and only for types: the shape of the
 * whole HTTP API, for a typed `hc<AppType>()` client from hono/client.
 */
export type { AppType } from './app.ts';
export type { DerivedRun, DerivedStep } from './runs/read-run.ts';
