import { describe, expect, it } from 'vitest';
import type { SopListItem } from '../../db/sops.ts';
import { receptionContent, sop, version } from '../../test-support/sops.ts';
import { arrangeSops } from './arrange-sops.ts';

const A = '0190b000-0000-7000-8000-00000000000a';
const B = '0190b000-0000-7000-8000-00000000000b';
const C = '0190b000-0000-7000-8000-00000000000c';

function item(id: string, en: string, fr: string, category: 'operational' | 'support' = 'operational'): SopListItem {
  return { sop: sop(id, en, fr, { category }), latest: version(id, 1, receptionContent()) };
}

const items = [
  item(A, 'Zebra check', 'Contrôle zèbre'),
  item(B, 'Customer reception', 'Réception client'),
  item(C, 'Alarm test', 'Essai alarme', 'support'),
];
const titles = (list: { title: string }[]) => list.map((i) => i.title);

describe('arrangeSops', () => {
  it('puts the most recently run first, then the others alphabetically', () => {
    const lastRuns = new Map([
      [A, 100],
      [B, 200],
    ]);
    expect(titles(arrangeSops(items, lastRuns, { query: '', category: 'all' }, 'en'))).toEqual([
      'Customer reception',
      'Zebra check',
      'Alarm test',
    ]);
    expect(titles(arrangeSops(items, new Map(), { query: '', category: 'all' }, 'en'))).toEqual([
      'Alarm test',
      'Customer reception',
      'Zebra check',
    ]);
  });

  it('matches without accents or case, in the reader’s language, within a category', () => {
    expect(titles(arrangeSops(items, new Map(), { query: ' RECEPTION ', category: 'all' }, 'fr'))).toEqual([
      'Réception client',
    ]);
    expect(titles(arrangeSops(items, new Map(), { query: 'zebre', category: 'all' }, 'fr'))).toEqual([
      'Contrôle zèbre',
    ]);
    expect(titles(arrangeSops(items, new Map(), { query: '', category: 'support' }, 'en'))).toEqual(['Alarm test']);
    expect(arrangeSops(items, new Map(), { query: 'reception', category: 'support' }, 'en')).toEqual([]);
  });
});
