import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/uuid.ts';
import { clearDatabase, db } from '../db/database.ts';
import { recordEvents } from '../db/record.ts';
import { hasCsrfHeader, json } from '../test-support/fake-server.ts';
import { storeRun } from '../test-support/runs.ts';
import { uploadPhotos } from './photo-upload.ts';

interface Put {
  url: string;
  type: string | null;
  csrf: boolean;
  body: unknown;
}

/** Stores a photo and its photo_attached event; `acked` marks the event as pushed. */
async function storePhoto(acked: boolean): Promise<string> {
  const runId = await storeRun();
  const id = uuidv7();
  const blob = new Blob([new Uint8Array([0xff, 0xd8, 1, 2])], { type: 'image/jpeg' });
  await db.photos.add({
    id,
    runId,
    stepId: 's',
    blob,
    mime: 'image/jpeg',
    bytes: 4,
    createdAt: Date.now(),
    sync: 'local',
  });
  await recordEvents(runId, [
    { type: 'photo_attached', payload: { stepId: 's', photoId: id, mime: 'image/jpeg', bytes: 4 } },
  ]);
  if (acked) await db.events.where('runId').equals(runId).modify({ sync: 'acked', ackedAt: Date.now() });
  return id;
}

function photoServer(answer: (id: string) => Response) {
  const puts: Put[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    puts.push({
      url,
      type: new Headers(init?.headers).get('content-type'),
      csrf: hasCsrfHeader(init),
      body: init?.body,
    });
    return answer(url.split('/').pop()?.split('?')[0] ?? '');
  };
  return { puts, fetch };
}

beforeEach(clearDatabase);

describe('photo upload', () => {
  it('PUTs the blob with its type once its event is acked, and marks it uploaded on 201 or 200', async () => {
    const ready = await storePhoto(true);
    const waiting = await storePhoto(false);
    const server = photoServer((id) => json({ id, status: 'stored', bytes: 4 }, 201));
    expect(await uploadPhotos(server.fetch)).toEqual({ ok: true, value: { uploaded: 1, rejected: 0 } });
    const row = await db.photos.get(ready);
    // The body is the stored blob itself (fake-indexeddb stores Blobs as plain objects).
    expect(server.puts).toEqual([
      { url: `/api/photos/${ready}?runId=${row?.runId}`, type: 'image/jpeg', csrf: true, body: row?.blob },
    ]);
    expect((await db.photos.get(ready))?.sync).toBe('uploaded');
    expect((await db.photos.get(waiting))?.sync).toBe('local');
  });

  it('marks a photo rejected with the server code on a final 4xx and goes on with the next', async () => {
    const refused = await storePhoto(true);
    const fine = await storePhoto(true);
    const server = photoServer((id) =>
      id === refused
        ? json({ error: 'unsupported_media_type', message: 'no' }, 415)
        : json({ id, status: 'duplicate' }, 200),
    );
    expect(await uploadPhotos(server.fetch)).toEqual({ ok: true, value: { uploaded: 1, rejected: 1 } });
    expect(await db.photos.get(refused)).toMatchObject({ sync: 'rejected', rejectCode: 'unsupported_media_type' });
    expect((await db.photos.get(fine))?.sync).toBe('uploaded');
  });

  it.each([
    ['a 503', () => json({ error: 'down', message: 'down' }, 503)],
    ['a 401', () => json({ error: 'unauthorized', message: 'sign in' }, 401)],
    ['a 429', () => json({ error: 'slow_down', message: 'later' }, 429)],
    ['an HTML 200', () => new Response('<html></html>', { status: 200 })],
  ])('keeps the photo pending on %s', async (_name, answer) => {
    const id = await storePhoto(true);
    const result = await uploadPhotos(photoServer(answer).fetch);
    expect(result.ok).toBe(false);
    expect((await db.photos.get(id))?.sync).toBe('local');
  });
});
