/**
 * A tiny language for event streams in tests: `runEvents(b => b.start().step('a', 5000)…)`
 * builds valid events with consecutive seq/deviceSeq and a clock that advances only when
 * told to, instead of 40-line literals.
 */
import type { EventOf, RunEvent, RunEventType } from '../../src/shared/events.ts';
import { uuidv7 } from '../../src/shared/uuid.ts';

export const IDS = {
  run: '0190a000-0000-7000-8000-000000000001',
  sop: '0190a000-0000-7000-8000-000000000002',
  user: '0190a000-0000-7000-8000-000000000003',
  device: '0190a000-0000-7000-8000-000000000004',
} as const;

type Payload<T extends RunEventType> = EventOf<T>['payload'];

export class RunBuilder {
  readonly events: RunEvent[] = [];
  private seq = 0;
  constructor(
    public at = 1_700_000_000_000,
    private readonly runId: string = IDS.run,
    private deviceSeq = 1,
  ) {}

  /** Moves the device clock forward by `ms` (a real elapsed time). */
  wait(ms: number): this {
    this.at += ms;
    return this;
  }

  emit<T extends RunEventType>(type: T, payload: Payload<T>): this {
    this.events.push({
      id: uuidv7(this.at),
      runId: this.runId,
      seq: this.seq++,
      deviceSeq: this.deviceSeq++,
      v: 1,
      at: this.at,
      mono: this.seq * 10,
      pageLoadId: 'page-1',
      type,
      payload,
    } as RunEvent);
    return this;
  }

  start(opts: { sopVersion?: number; training?: boolean; sopId?: string; userId?: string } = {}): this {
    return this.emit('run_started', {
      sopId: opts.sopId ?? IDS.sop,
      sopVersion: opts.sopVersion ?? 1,
      userId: opts.userId ?? IDS.user,
      deviceId: IDS.device,
      training: opts.training ?? false,
    });
  }

  /** Starts step `stepId`, waits `ms`, completes it. */
  step(stepId: string, ms: number): this {
    return this.emit('step_started', { stepId }).wait(ms).emit('step_completed', { stepId });
  }

  flag(stepId: string, category: Payload<'step_flagged'>['category'] = 'defect', note = 'scratch'): this {
    return this.emit('step_flagged', { stepId, category, note });
  }

  jump(deltaMs: number): this {
    this.at += deltaMs;
    return this.emit('clock_jump', { deltaMs });
  }

  complete(): this {
    return this.emit('run_completed', { confirmedCriteria: [] });
  }

  abort(reason = 'customer left'): this {
    return this.emit('run_aborted', { reason });
  }
}

export const runEvents = (build: (b: RunBuilder) => RunBuilder, at?: number): RunEvent[] =>
  build(new RunBuilder(at)).events;
