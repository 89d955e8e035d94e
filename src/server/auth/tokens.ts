/**
 * Opaque secrets (session cookies, invite links): 32 random bytes in base64url. Only their
 * sha256 is stored, so the database never holds a usable token; a lookup hashes the
 * presented token and finds the row by that hash.
 */
import { createHash, randomBytes } from 'node:crypto';

export const newToken = (): string => randomBytes(32).toString('base64url');

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('base64url');

/** Whether `value` could be a token at all (keeps junk out of the lookup). */
export const isTokenShape = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value);
