/**
 * Step images through the real app (PGlite, or PostgreSQL with TEST_DATABASE_URL): an
 * upload is stored for its SOP and served back byte for byte from a /media/ URL the
 * runners' offline image cache accepts; wrong types, oversized bodies, unknown SOPs and
 * other organisations' images are refused.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isStepImageRequest } from '../../sw/image-cache-rules.ts';
import { sopImages } from '../../src/server/db/schema-sop-images.ts';
import { DEMO_ORG_ID, demoSopId } from '../../src/server/seed.ts';
import { MAX_SOP_IMAGE_BYTES, SopImageUploaded } from '../../src/shared/sop-api.ts';
import { uuidv7 } from '../../src/shared/uuid.ts';
import { image, JPEG_HEAD, PNG_HEAD, WEBP_HEAD } from '../support/image-bytes.ts';
import { openTestDatabase, type TestDatabase } from '../support/server-db.ts';
import { expectError, url } from './http.ts';

let t: TestDatabase;
const sopId = demoSopId('final-test');
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.reset();
  await t.db.execute(sql`TRUNCATE sop_images`);
});

const upload = (body: Uint8Array, type: string | null, target = sopId) =>
  t.app.request(url(`/api/sops/${target}/images`), {
    method: 'POST',
    headers: type === null ? {} : { 'content-type': type },
    body: new Uint8Array(body),
  });

async function uploaded(body: Uint8Array, type: string): Promise<SopImageUploaded> {
  const res = await upload(body, type);
  expect(res.status).toBe(201);
  return SopImageUploaded.parse(await res.json());
}

describe('POST /api/sops/:id/images', () => {
  it.each([
    ['image/jpeg', JPEG_HEAD],
    ['image/png', PNG_HEAD],
    ['image/webp', WEBP_HEAD],
  ])('stores a %s and answers its URL, which the offline image cache accepts', async (type, head) => {
    const body = image(head, 2_345);
    const result = await uploaded(body, type);
    expect(result).toMatchObject({ mime: type, bytes: body.length, url: `/media/sop-images/${result.id}` });
    const origin = 'https://fieldbook.example';
    expect(isStepImageRequest(new URL(result.url, origin), 'image', origin)).toBe(true);
    const rows = await t.db.select({ orgId: sopImages.orgId, sopId: sopImages.sopId }).from(sopImages);
    expect(rows).toEqual([{ orgId: DEMO_ORG_ID, sopId }]);
  });

  it('gives each upload its own URL, even for the same bytes', async () => {
    const body = image(JPEG_HEAD);
    const [a, b] = [await uploaded(body, 'image/jpeg'), await uploaded(body, 'image/jpeg')];
    expect(a.url).not.toBe(b.url);
  });

  it('refuses other types with 415, and bytes that do not match the declared type', async () => {
    await expectError(await upload(image(JPEG_HEAD), 'image/gif'), 415, 'unsupported_media_type');
    await expectError(await upload(image(JPEG_HEAD), 'image/svg+xml'), 415, 'unsupported_media_type');
    await expectError(await upload(image(JPEG_HEAD), null), 415, 'unsupported_media_type');
    await expectError(await upload(image(PNG_HEAD), 'image/jpeg'), 415, 'unsupported_media_type');
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    await expectError(await upload(html, 'image/png'), 415, 'unsupported_media_type');
    expect(await t.db.select().from(sopImages)).toEqual([]);
  });

  it('refuses a body over the limit with 413 and takes one at the limit', async () => {
    await expectError(await upload(image(JPEG_HEAD, MAX_SOP_IMAGE_BYTES + 1), 'image/jpeg'), 413, 'too_large');
    expect((await upload(image(JPEG_HEAD, MAX_SOP_IMAGE_BYTES), 'image/jpeg')).status).toBe(201);
  });

  it('answers 404 for an unknown SOP or a malformed id, and 400 for an empty body', async () => {
    await expectError(await upload(image(JPEG_HEAD), 'image/jpeg', uuidv7()), 404, 'not_found');
    await expectError(await upload(image(JPEG_HEAD), 'image/jpeg', 'not-a-sop'), 404, 'not_found');
    await expectError(await upload(new Uint8Array(), 'image/jpeg'), 400, 'empty_body');
    expect(await t.db.select().from(sopImages)).toEqual([]);
  });
});

describe('GET /media/sop-images/:imageId', () => {
  it('serves back identical bytes with their type, immutable, never sniffed', async () => {
    const body = image(PNG_HEAD, 54_321, 7);
    const { url: path } = await uploaded(body, 'image/png');
    const res = await t.app.request(url(path));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(body);
    const again = await t.app.request(url(path), { headers: { 'if-none-match': res.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
  });

  it('answers 404 for an unknown image, a malformed id, and another organisation’s image', async () => {
    await expectError(await t.app.request(url(`/media/sop-images/${uuidv7()}`)), 404, 'not_found');
    await expectError(await t.app.request(url('/media/sop-images/nope')), 404, 'not_found');
    const id = uuidv7();
    await t.db.insert(sopImages).values({
      orgId: '0190a000-0000-7000-8000-0000000000aa',
      id,
      sopId,
      mime: 'image/jpeg',
      bytes: 4,
      sha256: '0'.repeat(64),
      data: new Uint8Array(JPEG_HEAD),
    });
    await expectError(await t.app.request(url(`/media/sop-images/${id}`)), 404, 'not_found');
  });
});
