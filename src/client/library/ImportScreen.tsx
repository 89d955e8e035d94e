/**
 * Importing a SOP. Pasted Markdown or plain text becomes a preview in the editor's form,
 * to correct before saving it as a new draft. A JSON export file is sent as it is: the
 * server validates it whole and, when it is bad, lists each problem with its place and
 * its reason (a code this screen puts in words).
 */
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'preact/hooks';
import { importMarkdown } from '../../shared/markdown-import.ts';
import type { Locale } from '../../shared/sop.ts';
import {
  DEFAULT_REVIEW_INTERVAL_DAYS,
  draftProblems,
  PROBLEM_CODES,
  type ProblemCode,
  type SopDraft,
} from '../../shared/sop-draft.ts';
import { DraftForm } from '../editor/DraftForm.tsx';
import { newStepId } from '../editor/draft-edit.ts';
import { problemMessage, problemsByField } from '../editor/problems.ts';
import { type Translate, useLocale, useT } from '../i18n/index.ts';
import { type Issue, sopApi } from './sop-api-client.ts';
import '../editor/authoring.css';

export function ImportScreen() {
  const t = useT();
  const locale = useLocale();
  const navigate = useNavigate();
  const [lang, setLang] = useState<Locale>(locale);
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<{ draft: SopDraft; unused: string[] } | null>(null);
  const [failed, setFailed] = useState(false);
  const problems = useMemo(() => problemsByField(preview ? draftProblems(preview.draft) : []), [preview]);

  const read = () => {
    const result = importMarkdown(text, { locale: lang, newId: () => newStepId() });
    const draft: SopDraft = {
      title: result.title ? { [lang]: result.title } : {},
      category: 'operational',
      ownerName: null,
      reviewIntervalDays: DEFAULT_REVIEW_INTERVAL_DAYS,
      content: result.content,
    };
    setPreview({ draft, unused: result.unused });
  };
  const saveDraft = async () => {
    if (!preview) return;
    const result = await sopApi.create(preview.draft);
    setFailed(!result.ok);
    if (result.ok) void navigate({ to: '/library/$sopId/edit', params: { sopId: result.value.sopId } });
  };

  return (
    <div class="import">
      <h1>{t('import.title')}</h1>
      <section aria-labelledby="md-heading">
        <h2 id="md-heading">{t('import.markdown')}</h2>
        <p class="hint">{t('import.markdownHint')}</p>
        <div class="field-label">
          <label for="import-lang">{t('editor.contentLanguage')}</label>
          <select id="import-lang" class="field" value={lang} onInput={(e) => setLang(e.currentTarget.value as Locale)}>
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </div>
        <div class="field-label">
          <label for="import-text">{t('import.paste')}</label>
          <textarea
            id="import-text"
            class="field"
            rows={10}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </div>
        <button type="button" class="button" disabled={text.trim() === ''} onClick={read}>
          {t('import.preview')}
        </button>
      </section>
      {preview && (
        <section aria-labelledby="preview-heading" class="panel">
          <h2 id="preview-heading">{t('import.previewTitle', { n: preview.draft.content.steps.length })}</h2>
          {preview.unused.length > 0 && (
            <div class="hint">
              <p>{t('import.unused')}</p>
              <ul>
                {preview.unused.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            </div>
          )}
          <DraftForm
            draft={preview.draft}
            lang={lang}
            problems={problems}
            onChange={(draft) => setPreview({ ...preview, draft })}
          />
          <button type="button" class="button primary" onClick={() => void saveDraft()}>
            {t('import.saveDraft')}
          </button>
          {failed && <p role="alert">{t('library.actionFailed')}</p>}
        </section>
      )}
      <JsonImport />
    </div>
  );
}

function JsonImport() {
  const t = useT();
  const navigate = useNavigate();
  const [issues, setIssues] = useState<Issue[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = async (file: File) => {
    setIssues(null);
    setError(null);
    let value: unknown;
    try {
      value = JSON.parse(await file.text());
    } catch {
      return setError(t('import.notJson'));
    }
    const result = await sopApi.importFile(value);
    if (result.ok) return void navigate({ to: '/library/$sopId', params: { sopId: result.value.id } });
    if (result.reason === 'invalid') setIssues(result.issues);
    else setError(t('library.actionFailed'));
  };
  return (
    <section aria-labelledby="json-heading">
      <h2 id="json-heading">{t('import.json')}</h2>
      <label class="field-label" for="import-file">
        {t('import.chooseFile')}
      </label>
      <input
        id="import-file"
        type="file"
        accept="application/json,.json"
        class="file-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) void upload(file);
        }}
      />
      <div role="alert">
        {error && <p class="field-error">{error}</p>}
        {issues && (
          <>
            <p class="field-error">{t('import.invalid', { n: issues.length })}</p>
            <ul>
              {issues.map((issue, i) => (
                <li key={i}>
                  <code>{issue.path || '/'}</code> — {importReason(t, issue.message)}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}

const IMPORT_CODES = ['version_gap', 'no_versions', 'draft_has_versions', 'nothing_to_import'] as const;

/** A problem of an import file in words: the shared codes are translated, anything else is a wrong value. */
function importReason(t: Translate, reason: string): string {
  if ((PROBLEM_CODES as readonly string[]).includes(reason)) return problemMessage(t, reason as ProblemCode);
  const code = IMPORT_CODES.find((c) => c === reason);
  return t(code ? `import.reason.${code}` : 'import.reason.invalid');
}
