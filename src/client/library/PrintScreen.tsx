/**
 * A version laid out for paper (binders, audits): one column, numbered steps with a box
 * to tick, readings with their range and a line to write on, and the version and its
 * publish date in a footer repeated on every printed page (authoring.css, @media print).
 */
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'preact/hooks';
import { localize } from '../../shared/locale.ts';
import type { Step } from '../../shared/sop.ts';
import type { FullVersion, SopSummary } from '../../shared/sop-api.ts';
import { formatDateTime, formatRange } from '../i18n/format.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { sopApi } from './sop-api-client.ts';
import '../editor/authoring.css';

type Loaded =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'ready'; sop: SopSummary; version: FullVersion };

export function PrintScreen({ sopId, version }: { sopId: string; version: number }) {
  const t = useT();
  const locale = useLocale();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  useEffect(() => {
    void Promise.all([sopApi.detail(sopId), sopApi.version(sopId, version)]).then(([detail, full]) =>
      setLoaded(
        detail.ok && full.ok ? { status: 'ready', sop: detail.value.sop, version: full.value } : { status: 'missing' },
      ),
    );
  }, [sopId, version]);
  if (loaded.status === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (loaded.status === 'missing') return <p>{t('library.notFound')}</p>;
  const { sop, version: v } = loaded;
  const text = (value: Parameters<typeof localize>[0]) => localize(value, locale);
  const footer = t('print.footer', { n: v.version, date: formatDateTime(v.publishedAt, locale) });
  return (
    <article class="printable">
      <div class="no-print control-row">
        <Link to="/library/$sopId" params={{ sopId }}>
          {t('library.back')}
        </Link>
        <button type="button" class="button primary" onClick={() => window.print()}>
          {t('print.button')}
        </button>
      </div>
      <h1>{text(sop.title)}</h1>
      <p>{footer}</p>
      <h2>{t('detail.objective')}</h2>
      <p>{text(v.content.objective)}</p>
      {v.content.prerequisites.length > 0 && (
        <>
          <h2>{t('detail.prerequisites')}</h2>
          <ul class="print-checks">
            {v.content.prerequisites.map((p, i) => (
              <li key={i}>{text(p)}</li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('detail.steps')}</h2>
      <ol class="print-steps">
        {v.content.steps.map((step, i) => (
          <PrintedStep key={step.id} step={step} n={i + 1} steps={v.content.steps} />
        ))}
      </ol>
      {v.content.acceptanceCriteria.length > 0 && (
        <>
          <h2>{t('detail.criteria')}</h2>
          <ul class="print-checks">
            {v.content.acceptanceCriteria.map((c, i) => (
              <li key={i}>{text(c)}</li>
            ))}
          </ul>
        </>
      )}
      <footer class="print-footer">{footer}</footer>
    </article>
  );
}

function PrintedStep({ step, n, steps }: { step: Step; n: number; steps: readonly Step[] }) {
  const t = useT();
  const locale = useLocale();
  const target = (id: string | null) =>
    id === null ? t('editor.step.end') : t('editor.stepN', { n: steps.findIndex((s) => s.id === id) + 1 });
  return (
    <li class="print-step">
      <span class="print-box" aria-hidden="true" />
      <span class="print-number">{n}.</span> <strong>{localize(step.title, locale)}</strong>
      {step.critical && <span class="tag tag-critical">{t('detail.critical')}</span>}
      {step.instructions && <p>{localize(step.instructions, locale)}</p>}
      {step.kind === 'decision' && (
        <p>
          {t('run.yes')} → {target(step.yes)} · {t('run.no')} → {target(step.no)}
        </p>
      )}
      {step.kind === 'reading' && (
        <p>{t('reading.range', { range: formatRange(step.min, step.max, step.unit, locale) })} ________</p>
      )}
      {step.kind === 'text' && <p>________________________</p>}
    </li>
  );
}
