/** `/sops/$sopId`: the latest version of a procedure, and the way to start it. */
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'preact/hooks';
import { localize } from '../../shared/locale.ts';
import type { LocalizedText } from '../../shared/sop.ts';
import { liveValue, useLiveQuery } from '../db/live.ts';
import { getLatestVersion, getSop } from '../db/sops.ts';
import { useLocale, useT } from '../i18n/index.ts';

async function loadDetail(sopId: string) {
  const [sop, version] = await Promise.all([getSop(sopId), getLatestVersion(sopId)]);
  return sop && version ? { sop, version } : null;
}

function TextList({ title, items }: { title: string; items: LocalizedText[] }) {
  const locale = useLocale();
  if (items.length === 0) return null;
  return (
    <section>
      <h2>{title}</h2>
      <ul>
        {items.map((item, i) => (
          <li key={i}>{localize(item, locale)}</li>
        ))}
      </ul>
    </section>
  );
}

export function SopDetailScreen({ sopId }: { sopId: string }) {
  const t = useT();
  const locale = useLocale();
  const navigate = useNavigate();
  const [training, setTraining] = useState(false);
  const result = useLiveQuery(() => loadDetail(sopId), [sopId]);
  const detail = liveValue(result);
  if (result.status === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (!detail) return <p role="alert">{t('detail.notFound')}</p>;
  const { sop, version } = detail;
  const content = version.content;

  return (
    <article class="detail">
      <h1>{localize(sop.title, locale)}</h1>
      <p class="meta">
        {t(`category.${sop.category}`)} · {t('list.version', { n: version.version })}
      </p>
      <section>
        <h2>{t('detail.objective')}</h2>
        <p>{localize(content.objective, locale)}</p>
      </section>
      <TextList title={t('detail.prerequisites')} items={content.prerequisites} />
      <section>
        <h2>{t('detail.steps')}</h2>
        {content.mode === 'free_order' && <p>{t('detail.freeOrder')}</p>}
        <ol class="overview">
          {content.steps.map((step) => (
            <li key={step.id}>
              {localize(step.title, locale)}
              {step.critical && <span class="tag tag-critical"> {t('detail.critical')}</span>}
            </li>
          ))}
        </ol>
      </section>
      <TextList title={t('detail.criteria')} items={content.acceptanceCriteria} />
      <section class="guided-choice">
        <label class="choice">
          <input type="checkbox" checked={training} onChange={(e) => setTraining(e.currentTarget.checked)} />
          {t('detail.guided')}
        </label>
        <p class="hint">{t('detail.guidedHint')}</p>
      </section>
      <div class="primary-actions">
        <button
          type="button"
          class="button primary"
          onClick={() => navigate({ to: '/sops/$sopId/run', params: { sopId }, search: { training } })}
        >
          {t('detail.start')}
        </button>
      </div>
    </article>
  );
}
