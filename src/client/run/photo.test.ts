import { describe, expect, it } from 'vitest';
import { fitLongSide, preparePhoto } from './photo.ts';

describe('photo preparation', () => {
  it('fits the long side into 1600 px without enlarging small pictures', () => {
    expect(fitLongSide(4032, 3024)).toEqual({ width: 1600, height: 1200 });
    expect(fitLongSide(3000, 4000)).toEqual({ width: 1200, height: 1600 });
    expect(fitLongSide(800, 600)).toEqual({ width: 800, height: 600 });
  });

  it('keeps a storable original when the browser cannot draw, and refuses other files', async () => {
    const jpeg = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' });
    expect(await preparePhoto(jpeg)).toEqual({ blob: jpeg, mime: 'image/jpeg' });
    expect(await preparePhoto(new Blob(['x'], { type: 'image/heic' }))).toBeNull();
    expect(await preparePhoto(new Blob([], { type: 'image/png' }))).toBeNull();
  });
});
