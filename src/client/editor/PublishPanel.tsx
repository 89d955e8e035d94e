/** Publishing the draft as the next version, with a change note. */
import { Link } from '@tanstack/react-router';
import { useState } from 'preact/hooks';
import { useT } from '../i18n/index.ts';
import { sopApi } from '../library/sop-api-client.ts';

interface PublishPanelProps {
  sopId: string;
  canPublish: boolean;
  latestVersion: number | null;
  /** Saves pending edits; the revision to publish, or null when the draft is not saved. */
  beforePublish: () => Promise<number | null>;
  onPublished: (version: number, revision: number) => void;
}

type Outcome =
  | { kind: 'published'; version: number }
  | { kind: 'error'; key: 'notSaved' | 'conflict' | 'invalid' | 'failed' };

export function PublishPanel({ sopId, canPublish, latestVersion, beforePublish, onPublished }: PublishPanelProps) {
  const t = useT();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const next = (latestVersion ?? 0) + 1;
  const publish = async () => {
    setBusy(true);
    setOutcome(null);
    const revision = await beforePublish();
    if (revision === null) {
      setBusy(false);
      return setOutcome({ kind: 'error', key: 'notSaved' });
    }
    const result = await sopApi.publish(sopId, revision, note);
    setBusy(false);
    if (result.ok) {
      setNote('');
      onPublished(result.value.version, result.value.revision);
      return setOutcome({ kind: 'published', version: result.value.version });
    }
    const key = result.reason === 'conflict' ? 'conflict' : result.reason === 'invalid' ? 'invalid' : 'failed';
    setOutcome({ kind: 'error', key });
  };
  return (
    <section class="panel publish-panel" aria-labelledby="publish-heading">
      <h2 id="publish-heading">{t('editor.publish.title', { n: next })}</h2>
      <div class="field-label">
        <label for="change-note">{t('editor.publish.note')}</label>
        <textarea
          id="change-note"
          class="field"
          rows={2}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </div>
      {!canPublish && <p class="hint">{t('editor.publish.fixFirst')}</p>}
      <button
        type="button"
        class="button primary"
        disabled={!canPublish || busy || note.trim() === ''}
        onClick={() => void publish()}
      >
        {t('editor.publish.button', { n: next })}
      </button>
      <div role="status">
        {outcome?.kind === 'published' && (
          <p>
            {t('editor.publish.done', { n: outcome.version })}{' '}
            <Link to="/library/$sopId" params={{ sopId }}>
              {t('editor.publish.history')}
            </Link>
          </p>
        )}
        {outcome?.kind === 'error' && <p class="field-error">{t(`editor.publish.${outcome.key}`)}</p>}
      </div>
    </section>
  );
}
