import type { Context } from 'hono';
import { isUuid } from '../../shared/sop.ts';

/** The path parameter `name` when it is a UUID, else null: anything else cannot name a stored object. */
export const uuidParam = (c: Context, name: string): string | null => {
  const value = c.req.param(name);
  return isUuid(value) ? value : null;
};
