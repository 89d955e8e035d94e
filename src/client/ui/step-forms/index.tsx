/** Picks the form of a step by its kind. */
import type { Step } from '../../../shared/sop.ts';
import { CheckForm } from './CheckForm.tsx';
import type { StepFormProps } from './common.tsx';
import { DecisionForm } from './DecisionForm.tsx';
import { PhotoForm } from './PhotoForm.tsx';
import { ReadingForm } from './ReadingForm.tsx';
import { TextForm } from './TextForm.tsx';

export function StepForm({ step, ...rest }: StepFormProps<Step>) {
  switch (step.kind) {
    case 'check':
      return <CheckForm step={step} {...rest} />;
    case 'decision':
      return <DecisionForm step={step} {...rest} />;
    case 'reading':
      return <ReadingForm step={step} {...rest} />;
    case 'text':
      return <TextForm step={step} {...rest} />;
    case 'photo':
      return <PhotoForm step={step} {...rest} />;
  }
}
