/** Pieces shared by the step forms: the props they take and the error line. */
import type { Step } from '../../../shared/sop.ts';
import type { RunContext } from '../../run/actions.ts';

export interface StepFormProps<S extends Step = Step> {
  ctx: RunContext;
  step: S;
  /** True while the run is paused or another action is being stored. */
  disabled: boolean;
}

export const titleId = (step: Step) => `step-title-${step.id}`;

export function FieldError({ id, message }: { id: string; message: string | null }) {
  if (!message) return null;
  return (
    <p id={id} class="field-error" role="alert">
      {message}
    </p>
  );
}
