/** A decision step: "Yes" / "No", each leading where the version says. */

import type * as z from 'zod/mini';
import type { DecisionStep } from '../../../shared/sop.ts';
import { useT } from '../../i18n/index.ts';
import { answerDecision } from '../../run/actions.ts';
import { useAction } from '../use-action.ts';
import type { StepFormProps } from './common.tsx';

export function DecisionForm({ ctx, step, disabled }: StepFormProps<z.infer<typeof DecisionStep>>) {
  const t = useT();
  const [busy, run] = useAction();
  const answer = (value: 'yes' | 'no') => run(() => answerDecision(ctx, step.id, value));
  return (
    <div class="primary-actions two">
      <button type="button" class="button primary" disabled={disabled || busy} onClick={() => answer('yes')}>
        {t('run.yes')}
      </button>
      <button type="button" class="button primary" disabled={disabled || busy} onClick={() => answer('no')}>
        {t('run.no')}
      </button>
    </div>
  );
}
