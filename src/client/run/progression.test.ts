import { describe, expect, it } from 'vitest';
import { runEvents } from '../../../test/support/events.ts';
import { foldRun } from '../../shared/fold.ts';
import type { SopVersionContent, Step } from '../../shared/sop.ts';
import { receptionContent } from '../test-support/sops.ts';
import { pathProgress } from './progression.ts';

const content = receptionContent();
const progressAfter = (build: Parameters<typeof runEvents>[0], c: SopVersionContent = content) =>
  pathProgress(foldRun(runEvents(build)), c);

describe('pathProgress (greet → damage? yes: photo → pressure, no: pressure → plate → keys)', () => {
  it('counts the longest way still possible before the decision', () => {
    expect(progressAfter((b) => b.start().emit('step_started', { stepId: 'greet' }))).toEqual({ n: 1, total: 6 });
    expect(progressAfter((b) => b.start().step('greet', 1).emit('step_started', { stepId: 'damage' }))).toEqual({
      n: 2,
      total: 6,
    });
  });

  it('follows the branch taken: "No" skips the photo and the total shrinks', () => {
    const no = progressAfter((b) =>
      b.start().step('greet', 1).step('damage', 1).emit('step_started', { stepId: 'pressure' }),
    );
    expect(no).toEqual({ n: 3, total: 5 });
    const yes = progressAfter((b) =>
      b.start().step('greet', 1).step('damage', 1).step('photo', 1).emit('step_started', { stepId: 'pressure' }),
    );
    expect(yes).toEqual({ n: 4, total: 6 });
    expect(
      progressAfter((b) =>
        b.start().step('greet', 1).step('damage', 1).step('pressure', 1).step('plate', 1).emit('step_started', {
          stepId: 'keys',
        }),
      ),
    ).toEqual({ n: 5, total: 5 });
  });

  it('counts a branch that ends the run as no further step, and survives a loop', () => {
    const steps: Step[] = [
      { id: 'a', kind: 'check', critical: false, title: { en: 'A' } },
      { id: 'ok', kind: 'decision', critical: false, title: { en: 'OK?' }, yes: null, no: 'fix' },
      { id: 'fix', kind: 'decision', critical: false, title: { en: 'Fixed?' }, yes: 'a', no: null },
    ];
    const loop = receptionContent({ steps });
    expect(progressAfter((b) => b.start().emit('step_started', { stepId: 'a' }), loop)).toEqual({ n: 1, total: 3 });
    const back = progressAfter(
      (b) => b.start().step('a', 1).step('ok', 1).step('fix', 1).emit('step_started', { stepId: 'a' }),
      loop,
    );
    expect(back).toEqual({ n: 1, total: 3 });
    expect(progressAfter((b) => b.start().step('a', 1).step('ok', 1), loop)).toBeNull();
  });
});
