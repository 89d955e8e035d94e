/**
 * One SOP for its authors: status and review date, the actions (edit, mark as reviewed,
 * archive, export), the version history with date, author and note, and the comparison
 * of any two versions.
 */
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'preact/hooks';
import { localize } from '../../shared/locale.ts';
import type { LocalizedText } from '../../shared/sop.ts';
import type { SopDetail } from '../../shared/sop-api.ts';
import type { SopDiff } from '../../shared/sop-diff.ts';
import { exportFileName } from '../../shared/sop-export.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { DiffView } from './DiffView.tsx';
import { sopApi } from './sop-api-client.ts';
import '../editor/authoring.css';

type Loaded =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'offline' }
  | { status: 'ready'; detail: SopDetail };

function download(name: string, value: unknown): void {
  const blob = new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  URL.revokeObjectURL(link.href);
}

export function SopAdminScreen({ sopId }: { sopId: string }) {
  const t = useT();
  const locale = useLocale();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [message, setMessage] = useState<string | null>(null);
  const reload = async () => {
    const result = await sopApi.detail(sopId);
    if (result.ok) setLoaded({ status: 'ready', detail: result.value });
    else setLoaded({ status: result.reason === 'not_found' ? 'missing' : 'offline' });
  };
  useEffect(() => void reload(), [sopId]);

  if (loaded.status === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (loaded.status === 'missing') return <p>{t('library.notFound')}</p>;
  if (loaded.status === 'offline') return <p role="alert">{t('library.offline')}</p>;
  const { sop, versions } = loaded.detail;
  const act = async (run: () => Promise<{ ok: boolean }>, done: string) => {
    const result = await run();
    setMessage(result.ok ? done : t('library.actionFailed'));
    await reload();
  };
  const exportJson = async () => {
    const result = await sopApi.exportFile(sopId);
    if (result.ok) download(exportFileName(sop.title as LocalizedText), result.value);
    else setMessage(t('library.actionFailed'));
  };

  return (
    <div class="sop-admin">
      <p>
        <Link to="/library">{t('library.back')}</Link>
      </p>
      <h1>{localize(sop.title, locale) || t('library.untitled')}</h1>
      <p class="meta">
        <span class={`tag tag-${sop.status}`}>{t(`library.status.${sop.status}`)}</span>
        {sop.overdue && <span class="tag tag-overdue">{t('library.overdue')}</span>}
        {sop.ownerName && <span>{t('library.owner', { name: sop.ownerName })}</span>}
        {sop.reviewDueAt !== null && (
          <span>{t('library.reviewDue', { time: formatDateTime(sop.reviewDueAt, locale) })}</span>
        )}
      </p>
      <div class="control-row">
        <Link to="/library/$sopId/edit" params={{ sopId }} class="button primary">
          {t('library.edit')}
        </Link>
        {sop.status === 'published' && (
          <button
            type="button"
            class="button"
            onClick={() => void act(() => sopApi.review(sopId), t('library.reviewed'))}
          >
            {t('library.markReviewed')}
          </button>
        )}
        <button
          type="button"
          class="button"
          onClick={() =>
            void act(
              () => sopApi.setArchived(sopId, sop.status !== 'archived'),
              t(sop.status === 'archived' ? 'library.unarchived' : 'library.archived'),
            )
          }
        >
          {t(sop.status === 'archived' ? 'library.unarchive' : 'library.archive')}
        </button>
        <button type="button" class="button" onClick={() => void exportJson()}>
          {t('library.export')}
        </button>
      </div>
      <p role="status">{message}</p>
      <h2>{t('library.history')}</h2>
      {versions.length === 0 ? (
        <p>{t('library.neverPublished')}</p>
      ) : (
        <table class="history">
          <thead>
            <tr>
              <th scope="col">{t('library.col.version')}</th>
              <th scope="col">{t('library.col.date')}</th>
              <th scope="col">{t('library.col.author')}</th>
              <th scope="col">{t('library.col.note')}</th>
              <th scope="col">{t('library.col.print')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <td>{t('list.version', { n: v.version })}</td>
                <td>{formatDateTime(v.publishedAt, locale)}</td>
                <td>{v.publishedBy ?? t('library.unknownAuthor')}</td>
                <td>{v.changeNote}</td>
                <td>
                  <Link
                    to="/library/$sopId/versions/$version/print"
                    params={{ sopId, version: String(v.version) }}
                    aria-label={t('library.printN', { n: v.version })}
                  >
                    {t('library.print')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {versions.length > 1 && <Compare sopId={sopId} versions={versions.map((v) => v.version)} />}
    </div>
  );
}

function Compare({ sopId, versions }: { sopId: string; versions: number[] }) {
  const t = useT();
  const [from, setFrom] = useState(versions[1] ?? 1);
  const [to, setTo] = useState(versions[0] ?? 1);
  const [diff, setDiff] = useState<{ diff: SopDiff; from: number; to: number } | null>(null);
  const [failed, setFailed] = useState(false);
  const compare = async () => {
    const result = await sopApi.diff(sopId, from, to);
    setFailed(!result.ok);
    setDiff(result.ok ? result.value : null);
  };
  const picker = (id: string, label: string, value: number, set: (v: number) => void) => (
    <label class="field-label" for={id}>
      {label}
      <select id={id} class="field" value={value} onInput={(e) => set(Number(e.currentTarget.value))}>
        {versions.map((v) => (
          <option key={v} value={v}>
            {t('list.version', { n: v })}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section aria-labelledby="compare-heading">
      <h2 id="compare-heading">{t('diff.compare')}</h2>
      <div class="form-grid">
        {picker('diff-from', t('diff.from'), from, setFrom)}
        {picker('diff-to', t('diff.to'), to, setTo)}
      </div>
      <button type="button" class="button" onClick={() => void compare()}>
        {t('diff.compareButton')}
      </button>
      {failed && <p role="alert">{t('library.actionFailed')}</p>}
      {diff && <DiffView diff={diff.diff} from={diff.from} to={diff.to} />}
    </section>
  );
}
