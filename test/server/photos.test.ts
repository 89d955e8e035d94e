/**
 * Photo upload and download through the real app (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL). Guards against: a retried upload storing twice or failing, a
 * different photo overwriting one under the same id, a non-image or a mislabelled file
 * being served as an image, oversized bodies, and photos leaking across organisations.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { photos } from '../../src/server/db/schema-photos.ts';
import { MAX_PHOTO_BYTES } from '../../src/server/http/body-limits.ts';
import { PHOTO_CACHE_CONTROL } from '../../src/server/photos/routes.ts';
import { DEMO_ORG_ID } from '../../src/server/seed.ts';
import { PhotoUploadResult } from '../../src/shared/sync.ts';
import { uuidv7 } from '../../src/shared/uuid.ts';
import { image, JPEG_HEAD, PNG_HEAD, WEBP_HEAD } from '../support/image-bytes.ts';
import { openTestDatabase, type TestDatabase } from '../support/server-db.ts';
import { expectError, url } from './http.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.reset();
  await t.db.execute(sql`TRUNCATE photos`);
});

const put = (photoId: string, body: Uint8Array, type: string, runId: string | null = uuidv7()) =>
  t.app.request(url(`/api/photos/${photoId}${runId === null ? '' : `?runId=${runId}`}`), {
    method: 'PUT',
    headers: { 'content-type': type },
    body: new Uint8Array(body),
  });

describe('PUT /api/photos/:photoId', () => {
  it.each([
    ['image/jpeg', JPEG_HEAD],
    ['image/png', PNG_HEAD],
    ['image/webp', WEBP_HEAD],
  ])('stores a %s once, and answers a retry as a duplicate', async (type, head) => {
    const [id, runId] = [uuidv7(), uuidv7()];
    const body = image(head);
    const first = await put(id, body, type, runId);
    expect(first.status).toBe(201);
    expect(PhotoUploadResult.parse(await first.json())).toEqual({ id, status: 'stored', bytes: body.length });
    const retry = await put(id, body, `${type}; charset=binary`, runId);
    expect(retry.status).toBe(200);
    expect(PhotoUploadResult.parse(await retry.json())).toEqual({ id, status: 'duplicate' });
    const rows = await t.db.select().from(photos).where(eq(photos.id, id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ orgId: DEMO_ORG_ID, runId, mime: type, bytes: body.length });
    expect(rows[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses other bytes under a known id with 409 id_reuse and keeps the original', async () => {
    const [id, runId] = [uuidv7(), uuidv7()];
    const original = image(JPEG_HEAD, 500, 1);
    await put(id, original, 'image/jpeg', runId);
    await expectError(await put(id, image(JPEG_HEAD, 500, 2), 'image/jpeg', runId), 409, 'id_reuse');
    await expectError(await put(id, original, 'image/jpeg', uuidv7()), 409, 'id_reuse');
    const res = await t.app.request(url(`/api/photos/${id}`));
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(original);
  });

  it('refuses a type that is not a photo type with 415', async () => {
    await expectError(await put(uuidv7(), image(JPEG_HEAD), 'image/gif'), 415, 'unsupported_media_type');
    await expectError(await put(uuidv7(), image(JPEG_HEAD), 'application/json'), 415, 'unsupported_media_type');
    const bare = await t.app.request(url(`/api/photos/${uuidv7()}?runId=${uuidv7()}`), {
      method: 'PUT',
      body: new Uint8Array(image(JPEG_HEAD)),
    });
    await expectError(bare, 415, 'unsupported_media_type');
  });

  it('refuses bytes that do not match the declared type with 415', async () => {
    await expectError(await put(uuidv7(), image(PNG_HEAD), 'image/jpeg'), 415, 'unsupported_media_type');
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    await expectError(await put(uuidv7(), html, 'image/png'), 415, 'unsupported_media_type');
    expect(await t.db.select().from(photos)).toEqual([]);
  });

  it('refuses more than 8 MiB with 413 too_large, and takes exactly 8 MiB', async () => {
    await expectError(await put(uuidv7(), image(JPEG_HEAD, MAX_PHOTO_BYTES + 1), 'image/jpeg'), 413, 'too_large');
    const res = await put(uuidv7(), image(JPEG_HEAD, MAX_PHOTO_BYTES), 'image/jpeg');
    expect(res.status).toBe(201);
  });

  it('refuses bad ids and empty bodies with 400', async () => {
    await expectError(await put('not-a-uuid', image(JPEG_HEAD), 'image/jpeg'), 400, 'invalid_photo_id');
    await expectError(await put(uuidv7(), image(JPEG_HEAD), 'image/jpeg', null), 400, 'invalid_run_id');
    await expectError(await put(uuidv7(), image(JPEG_HEAD), 'image/jpeg', 'run-1'), 400, 'invalid_run_id');
    await expectError(await put(uuidv7(), new Uint8Array(), 'image/jpeg'), 400, 'empty_body');
  });
});

describe('GET /api/photos/:photoId', () => {
  it('serves the bytes with their type, cacheable for a year', async () => {
    const id = uuidv7();
    const body = image(PNG_HEAD, 4_321);
    await put(id, body, 'image/png');
    const res = await t.app.request(url(`/api/photos/${id}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe(PHOTO_CACHE_CONTROL);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(body);
    const etag = res.headers.get('etag') ?? '';
    const again = await t.app.request(url(`/api/photos/${id}`), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('answers 404 for an unknown photo and 400 for a bad id', async () => {
    await expectError(await t.app.request(url(`/api/photos/${uuidv7()}`)), 404, 'not_found');
    await expectError(await t.app.request(url('/api/photos/nope')), 400, 'invalid_photo_id');
  });

  it('does not serve another organisation’s photo', async () => {
    const id = uuidv7();
    const other = '0190a000-0000-7000-8000-0000000000aa';
    await t.db.insert(photos).values({
      orgId: other,
      id,
      runId: uuidv7(),
      mime: 'image/jpeg',
      bytes: 4,
      sha256: '0'.repeat(64),
      data: new Uint8Array(JPEG_HEAD),
    });
    await expectError(await t.app.request(url(`/api/photos/${id}`)), 404, 'not_found');
    // Nor is its id taken for this organisation.
    expect((await put(id, image(JPEG_HEAD), 'image/jpeg')).status).toBe(201);
  });
});
