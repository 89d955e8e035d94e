import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearDatabase, db } from '../db/database.ts';
import { recordEvents } from '../db/record.ts';
import { storeRun } from '../test-support/runs.ts';
import { HEARTBEAT_MS, jumpBetween, recordClockJump, watchClock } from './clock.ts';

/** A fake device: wall and monotonic clocks the test moves, and a visibility switch. */
function fakeDevice() {
  const device = { wall: 1_000_000, mono: 0, visible: true, jumps: [] as number[] };
  const events = new EventTarget();
  const stop = watchClock({
    wall: () => device.wall,
    mono: () => device.mono,
    visible: () => device.visible,
    events,
    record: async (delta) => {
      device.jumps.push(delta);
    },
  });
  const pass = (ms: number) => {
    device.wall += ms;
    device.mono += ms;
    vi.advanceTimersByTime(ms);
  };
  const setVisible = (visible: boolean) => {
    device.visible = visible;
    events.dispatchEvent(new Event('visibilitychange'));
  };
  return { device, pass, setVisible, stop };
}

beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }));
afterEach(() => vi.useRealTimers());

describe('clock-jump watch', () => {
  it('records a wall-clock change above 2 s at the next heartbeat, with its sign', () => {
    const { device, pass, stop } = fakeDevice();
    pass(HEARTBEAT_MS);
    device.wall += 3_600_000; // the user sets the clock 1 h forward
    pass(HEARTBEAT_MS);
    device.wall -= 1_500; // drift under the threshold: not a jump
    pass(HEARTBEAT_MS);
    device.wall -= 10_000;
    pass(HEARTBEAT_MS);
    expect(device.jumps).toEqual([3_600_000, -10_000]);
    stop();
  });

  it('does not take sleep for a jump: across a hidden period only a backward change counts', () => {
    const { device, pass, setVisible, stop } = fakeDevice();
    pass(5_000);
    setVisible(false);
    device.wall += 20 * 60_000; // asleep 20 min, performance.now() stopped
    setVisible(true);
    expect(device.jumps).toEqual([]);
    setVisible(false);
    device.wall -= 30 * 60_000; // clock set back while hidden
    device.mono += 60_000;
    setVisible(true);
    expect(device.jumps).toEqual([-(31 * 60_000)]);
    stop();
  });

  it('closes the awake period with a last check when the page hides', () => {
    const { device, pass, setVisible, stop } = fakeDevice();
    pass(5_000);
    device.wall += 10_000;
    setVisible(false);
    expect(device.jumps).toEqual([10_000]);
    pass(HEARTBEAT_MS * 4); // no heartbeat while hidden
    expect(device.jumps).toEqual([10_000]);
    stop();
  });

  it('jumpBetween ignores small drift', () => {
    expect(jumpBetween({ wall: 0, mono: 0 }, { wall: 17_000, mono: 15_000 }, false)).toBeNull();
    expect(jumpBetween({ wall: 0, mono: 0 }, { wall: 17_001, mono: 15_000 }, false)).toBe(2001);
  });
});

describe('recordClockJump', () => {
  beforeEach(clearDatabase);

  it('writes a clock_jump on every run in progress and none on ended runs', async () => {
    const a = await storeRun();
    const b = await storeRun();
    const ended = await storeRun();
    await recordEvents(ended, [{ type: 'run_aborted', payload: { reason: 'test' } }]);
    await recordClockJump(-5000);
    const jumps = await db.events.filter((e) => e.type === 'clock_jump').toArray();
    expect(jumps.map((e) => e.runId).sort()).toEqual([a, b].sort());
    expect(jumps.every((e) => e.type === 'clock_jump' && e.payload.deltaMs === -5000 && e.sync === 'pending')).toBe(
      true,
    );
  });
});
