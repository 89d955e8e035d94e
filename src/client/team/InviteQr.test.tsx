import { render, screen } from '@testing-library/preact';
import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { darkRuns, InviteQr } from './InviteQr.tsx';

const URL_TEXT = 'https://fieldbook.test/join/0f1e1db0-4000-8000-a4b5-c6d7e8f90a1b';

describe('invite QR code', () => {
  it('merges each row’s dark modules into runs', () => {
    expect(
      darkRuns([
        [true, true, false, true],
        [false, false, false, false],
        [true, true, true, true],
      ]),
    ).toEqual([
      { x: 0, y: 0, width: 2 },
      { x: 3, y: 0, width: 1 },
      { x: 0, y: 2, width: 4 },
    ]);
  });

  it('draws exactly the encoder’s modules inside a 4-module quiet zone, as a named image', () => {
    render(<InviteQr text={URL_TEXT} label="QR code of the invite link" />);
    const svg = screen.getByRole('img', { name: 'QR code of the invite link' });
    const { size, data } = encode(URL_TEXT, { ecc: 'M', border: 0 });
    expect(svg.getAttribute('viewBox')).toBe(`0 0 ${size + 8} ${size + 8}`);
    const drawn = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
    for (const rect of svg.querySelectorAll('g rect')) {
      const [x, y, width] = ['x', 'y', 'width'].map((a) => Number(rect.getAttribute(a)));
      for (let i = 0; i < (width ?? 0); i++) {
        const row = drawn[(y ?? 0) - 4];
        if (row) row[(x ?? 0) - 4 + i] = true;
      }
    }
    expect(drawn).toEqual(data);
    // The finder pattern's dark ring in the top-left corner: a real QR code, not noise.
    expect(data[0]?.slice(0, 7)).toEqual(Array(7).fill(true));
  });
});
