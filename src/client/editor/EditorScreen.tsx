/**
 * The SOP editor screen. Opens the server's draft, or the copy kept on this device when
 * one is waiting (typed offline): that copy wins and is saved at once, so nothing typed
 * is lost; if someone else saved in between, the conflict message says so. Validation
 * runs on every change with the shared rules (draftProblems).
 */
import { Link } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Locale } from '../../shared/sop.ts';
import type { DraftEnvelope } from '../../shared/sop-api.ts';
import { draftProblems, type SopDraft } from '../../shared/sop-draft.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { sopApi } from '../library/sop-api-client.ts';
import { type AutosaveStatus, DraftAutosave } from './autosave.ts';
import { DraftForm } from './DraftForm.tsx';
import { pendingDraft } from './draft-store.ts';
import { PublishPanel } from './PublishPanel.tsx';
import { problemMessage, problemPlace, problemsByField } from './problems.ts';
import { SaveStatus } from './SaveStatus.tsx';
import { uploadStepImage } from './step-image-upload.ts';
import './authoring.css';

type Loaded = { status: 'loading' } | { status: 'missing' } | { status: 'offline' } | { status: 'ready' };

export function EditorScreen({ sopId }: { sopId: string }) {
  const t = useT();
  const locale = useLocale();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [draft, setDraft] = useState<SopDraft | null>(null);
  const [lang, setLang] = useState<Locale>(locale);
  const [save, setSave] = useState<AutosaveStatus | null>(null);
  const [latestVersion, setLatestVersion] = useState<number | null>(null);
  const autosave = useRef<DraftAutosave | null>(null);

  useEffect(() => {
    let live = true;
    void openDraft(sopId).then((opened) => {
      if (!live) return;
      if (opened.status !== 'ready') return setLoaded({ status: opened.status });
      const saver = new DraftAutosave(sopId, opened.revision, sopApi.saveDraft, setSave);
      autosave.current = saver;
      setSave(saver.current);
      setDraft(opened.draft);
      setLatestVersion(opened.latestVersion);
      setLoaded({ status: 'ready' });
      if (opened.fromDevice) void saver.edit(opened.draft).then(() => saver.flush());
    });
    return () => {
      live = false;
      void autosave.current?.flush();
      autosave.current?.dispose();
    };
  }, [sopId]);

  const problems = useMemo(() => (draft ? draftProblems(draft) : []), [draft]);
  const byField = useMemo(() => problemsByField(problems), [problems]);

  if (loaded.status === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (loaded.status === 'missing') return <p>{t('library.notFound')}</p>;
  if (loaded.status === 'offline' || !draft) return <p role="alert">{t('editor.offlineNoCopy')}</p>;

  const change = (next: SopDraft) => {
    setDraft(next);
    void autosave.current?.edit(next);
  };
  const takeTheirs = async () => {
    const theirs = await autosave.current?.discardMine();
    if (theirs) setDraft(theirs.draft);
  };

  return (
    <div class="editor">
      <p>
        <Link to="/library/$sopId" params={{ sopId }}>
          {t('editor.backToSop')}
        </Link>
      </p>
      <h1>{t('editor.title')}</h1>
      <div class="editor-bar">
        <div class="field-label">
          <label for="content-lang">{t('editor.contentLanguage')}</label>
          <select
            id="content-lang"
            class="field"
            value={lang}
            onInput={(e) => setLang(e.currentTarget.value as Locale)}
          >
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </div>
        {save && (
          <SaveStatus
            status={save}
            onOverwrite={() => void autosave.current?.overwrite()}
            onTakeTheirs={() => void takeTheirs()}
          />
        )}
      </div>
      {problems.length > 0 && (
        <section class="problems" aria-labelledby="problems-heading">
          <h2 id="problems-heading">{t('editor.problems', { n: problems.length })}</h2>
          <ul>
            {problems.map((p) => (
              <li key={`${p.path.join('.')}-${p.code}`}>
                {t('editor.problemLine', { place: problemPlace(t, p.path), message: problemMessage(t, p.code) })}
              </li>
            ))}
          </ul>
        </section>
      )}
      <DraftForm
        draft={draft}
        lang={lang}
        problems={byField}
        onChange={change}
        uploadImage={(file) => uploadStepImage(sopId, file)}
      />
      <PublishPanel
        sopId={sopId}
        canPublish={problems.length === 0 && save?.state !== 'conflict'}
        latestVersion={latestVersion}
        beforePublish={async () => {
          await autosave.current?.flush();
          const state = autosave.current?.current;
          return state && state.state === 'saved' ? state.revision : null;
        }}
        onPublished={(version, revision) => {
          setLatestVersion(version);
          autosave.current?.rebase(revision);
        }}
      />
    </div>
  );
}

type Opened =
  | { status: 'missing' | 'offline' }
  | { status: 'ready'; draft: SopDraft; revision: number; latestVersion: number | null; fromDevice: boolean };

/** The draft to edit: the device's waiting copy first, else the server's. */
async function openDraft(sopId: string): Promise<Opened> {
  const [kept, server] = await Promise.all([pendingDraft(sopId), sopApi.draft(sopId)]);
  if (!server.ok && server.reason === 'not_found') return { status: 'missing' };
  const envelope: DraftEnvelope | null = server.ok ? server.value : null;
  if (kept) {
    return {
      status: 'ready',
      draft: kept.draft,
      revision: kept.basedOn,
      latestVersion: envelope?.latestVersion ?? null,
      fromDevice: true,
    };
  }
  if (!envelope) return { status: 'offline' };
  return {
    status: 'ready',
    draft: envelope.draft,
    revision: envelope.revision,
    latestVersion: envelope.latestVersion,
    fromDevice: false,
  };
}
