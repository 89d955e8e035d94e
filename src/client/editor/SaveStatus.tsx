/**
 * Where the draft is: saved, saving, kept on this device while offline, or in conflict
 * with someone else's save — then a clear message and the two ways out.
 */
import { formatDateTime } from '../i18n/format.ts';
import { useLocale, useT } from '../i18n/index.ts';
import type { AutosaveStatus } from './autosave.ts';

interface SaveStatusProps {
  status: AutosaveStatus;
  onOverwrite: () => void;
  onTakeTheirs: () => void;
}

export function SaveStatus({ status, onOverwrite, onTakeTheirs }: SaveStatusProps) {
  const t = useT();
  const locale = useLocale();
  if (status.state === 'conflict') {
    const theirs = status.theirs;
    const when = theirs?.updatedAt ? formatDateTime(theirs.updatedAt, locale) : null;
    return (
      <div role="alert" class="conflict panel">
        <p>
          <strong>{t('editor.conflict.title')}</strong>
        </p>
        <p>
          {theirs?.updatedBy && when
            ? t('editor.conflict.byWhom', { name: theirs.updatedBy, time: when })
            : when
              ? t('editor.conflict.when', { time: when })
              : t('editor.conflict.body')}
        </p>
        <p>{t('editor.conflict.kept')}</p>
        <div class="control-row">
          <button type="button" class="button" onClick={onTakeTheirs}>
            {t('editor.conflict.takeTheirs')}
          </button>
          <button type="button" class="button danger" onClick={onOverwrite}>
            {t('editor.conflict.keepMine')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <p role="status" class={`save-status save-${status.state}`}>
      {t(`editor.save.${status.state}`)}
    </p>
  );
}
