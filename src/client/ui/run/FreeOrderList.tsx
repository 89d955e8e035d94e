/** A free-order version: every item listed at once; each can be opened, then done, flagged or skipped. */
import { localize } from '../../../shared/locale.ts';
import type { SopVersionContent } from '../../../shared/sop.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { openItem, type RunContext } from '../../run/actions.ts';
import { useAction } from '../use-action.ts';

export function FreeOrderList({ ctx, content }: { ctx: RunContext; content: SopVersionContent }) {
  const t = useT();
  const locale = useLocale();
  const [busy, run] = useAction();
  return (
    <ul class="items">
      {content.steps.map((step) => {
        const status = ctx.state.steps[step.id]?.status ?? 'pending';
        const title = localize(step.title, locale);
        const current = ctx.state.currentStepId === step.id;
        return (
          <li key={step.id} class={`item item-${status}`} aria-current={current ? 'step' : undefined}>
            <span class="item-title">{title}</span>
            <span class="tag">{t(`run.status.${status}`)}</span>
            {status === 'pending' && !current && (
              <button
                type="button"
                class="button secondary"
                aria-label={t('run.openLabel', { title })}
                disabled={busy || ctx.state.paused}
                onClick={() => run(() => openItem(ctx, step.id))}
              >
                {t('run.open')}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
