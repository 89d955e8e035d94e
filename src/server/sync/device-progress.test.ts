import { describe, expect, it } from 'vitest';
import { walkSequences } from './device-progress.ts';

describe('walkSequences', () => {
  it('moves the contiguous mark over sequences that follow it', () => {
    expect(walkSequences(0, [1, 2, 3])).toEqual({ highestContiguousDeviceSeq: 3, gaps: [] });
    expect(walkSequences(10, [11, 12])).toEqual({ highestContiguousDeviceSeq: 12, gaps: [] });
  });

  it('stops at the first gap and lists every gap below the highest received', () => {
    expect(walkSequences(0, [1, 2, 5, 6, 9])).toEqual({
      highestContiguousDeviceSeq: 2,
      gaps: [
        [3, 4],
        [7, 8],
      ],
    });
    expect(walkSequences(4, [7])).toEqual({ highestContiguousDeviceSeq: 4, gaps: [[5, 6]] });
  });

  it('keeps the mark when nothing new arrived', () => {
    expect(walkSequences(7, [])).toEqual({ highestContiguousDeviceSeq: 7, gaps: [] });
  });
});
