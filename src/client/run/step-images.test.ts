import { describe, expect, it } from 'vitest';
import { isStepImageRequest } from '../../../sw/image-cache-rules.ts';
import type { Step } from '../../shared/sop.ts';
import { receptionContent } from '../test-support/sops.ts';
import { stepImageUrls } from './step-images.ts';

const ORIGIN = 'https://fieldbook.example';
const at = (path: string) => new URL(path, ORIGIN);

describe('step image caching rules', () => {
  it('serves /media/ and page images from the cache, never the API', () => {
    expect(isStepImageRequest(at('/media/pump.jpg'), '', ORIGIN)).toBe(true);
    expect(isStepImageRequest(at('/static/pump.png'), 'image', ORIGIN)).toBe(true);
    expect(isStepImageRequest(new URL('https://cdn.example/p.jpg'), 'image', ORIGIN)).toBe(true);
    expect(isStepImageRequest(new URL('http://cdn.example/p.jpg'), 'image', ORIGIN)).toBe(false);
    expect(isStepImageRequest(at('/api/photos/1'), 'image', ORIGIN)).toBe(false);
    expect(isStepImageRequest(at('/media/x.jpg?'), 'script', ORIGIN)).toBe(true);
    expect(isStepImageRequest(at('/index.html'), 'document', ORIGIN)).toBe(false);
  });

  it('lists each SOP image once, absolute, without API URLs', () => {
    const withImages = (urls: string[]): Step => ({
      id: 'img',
      kind: 'check',
      critical: false,
      title: { en: 'Look' },
      images: urls.map((url) => ({ url, alt: { en: 'A pump' } })),
    });
    const a = receptionContent({ steps: [withImages(['/media/a.jpg', '/api/photos/1'])] });
    const b = receptionContent({ steps: [withImages(['/media/a.jpg', 'https://cdn.example/b.png'])] });
    expect(stepImageUrls([a, b], `${ORIGIN}/sops/1`)).toEqual([`${ORIGIN}/media/a.jpg`, 'https://cdn.example/b.png']);
  });
});
