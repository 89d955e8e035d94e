import { describe, expect, it } from 'vitest';
import { Uuid } from '../shared/sop.ts';
import { DEMO_SOPS } from './demo/index.ts';
import { DEMO_ORG_ID, demoSopId, uuidv5 } from './seed.ts';

describe('stable ids', () => {
  it('uuidv5 matches the RFC 9562 / Python uuid5 reference', () => {
    // uuid.uuid5(uuid.NAMESPACE_DNS, 'www.example.com')
    expect(uuidv5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('gives every demo SOP a distinct, valid id that depends only on its key', () => {
    const ids = DEMO_SOPS.map((s) => demoSopId(s.key));
    expect(new Set(ids).size).toBe(DEMO_SOPS.length);
    for (const id of ids) expect(Uuid.safeParse(id).success).toBe(true);
    expect(demoSopId('customer-reception')).toBe(uuidv5('customer-reception', DEMO_ORG_ID));
    expect(Uuid.safeParse(DEMO_ORG_ID).success).toBe(true);
  });
});
