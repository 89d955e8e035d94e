/** The top of a step: progress, the title as a focused heading, instructions, guided help. */
import { useEffect, useRef } from 'preact/hooks';
import { localize } from '../../shared/locale.ts';
import type { Step } from '../../shared/sop.ts';
import { formatDuration } from '../i18n/format.ts';
import { useLocale, useT } from '../i18n/index.ts';

interface Props {
  step: Step;
  progress: string;
  training: boolean;
}

export function StepHeader({ step, progress, training }: Props) {
  const t = useT();
  const locale = useLocale();
  const heading = useRef<HTMLHeadingElement>(null);
  // A screen reader user hears the new step at once; sighted users see where they are.
  useEffect(() => heading.current?.focus(), [step.id]);
  const instructions = localize(step.instructions, locale);
  const why = localize(step.why, locale);
  return (
    <header class="step-header">
      <p class="progress">{progress}</p>
      <h2 ref={heading} tabIndex={-1} id={`step-title-${step.id}`}>
        {localize(step.title, locale)}
      </h2>
      {step.critical && <p class="tag tag-critical">{t('run.critical')}</p>}
      {instructions && <p class="instructions">{instructions}</p>}
      {step.images?.map((image) => (
        <img key={image.url} class="step-image" src={image.url} alt={localize(image.alt, locale)} />
      ))}
      {training && (why || step.expectedSeconds) && (
        <aside class="guided" aria-label={t('run.training')}>
          {why && (
            <>
              <h3>{t('run.why')}</h3>
              <p>{why}</p>
            </>
          )}
          {step.expectedSeconds && <p>{t('run.expected', { time: formatDuration(step.expectedSeconds * 1000) })}</p>}
        </aside>
      )}
    </header>
  );
}
