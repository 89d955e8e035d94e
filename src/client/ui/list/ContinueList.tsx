/** The runs in progress on this device, each with a "Continue" link (most recently touched first). */
import { Link } from '@tanstack/react-router';
import { localize } from '../../../shared/locale.ts';
import type { SopListItem } from '../../db/sops.ts';
import type { RunRow } from '../../db/types.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useLocale, useT } from '../../i18n/index.ts';

export function ContinueList({ runs, sops }: { runs: readonly RunRow[]; sops: readonly SopListItem[] }) {
  const t = useT();
  const locale = useLocale();
  if (runs.length === 0) return null;
  const titles = new Map(sops.map((s) => [s.sop.id, localize(s.sop.title, locale)]));
  return (
    <section aria-labelledby="continue-title">
      <h2 id="continue-title">{t('list.inProgress')}</h2>
      <ul class="cards">
        {runs.map((run) => {
          const title = titles.get(run.sopId) ?? '';
          return (
            <li key={run.id} class="card">
              <Link
                to="/runs/$runId"
                params={{ runId: run.id }}
                class="button primary"
                aria-label={t('list.continueLabel', { title })}
              >
                {t('list.continue')}
              </Link>
              <span class="card-title">
                {title}
                <span class="meta"> · {t('list.startedAt', { time: formatDateTime(run.startedAt, locale) })}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
