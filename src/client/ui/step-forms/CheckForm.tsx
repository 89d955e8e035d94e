/** A check step: one "Done". */
import { useT } from '../../i18n/index.ts';
import { completeStep } from '../../run/actions.ts';
import { useAction } from '../use-action.ts';
import type { StepFormProps } from './common.tsx';

export function CheckForm({ ctx, step, disabled }: StepFormProps) {
  const t = useT();
  const [busy, run] = useAction();
  return (
    <div class="primary-actions">
      <button
        type="button"
        class="button primary"
        disabled={disabled || busy}
        onClick={() => run(() => completeStep(ctx, step.id))}
      >
        {t('run.done')}
      </button>
    </div>
  );
}
