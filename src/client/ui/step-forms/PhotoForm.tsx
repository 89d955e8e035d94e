/** A photo step: take or choose a picture; it is stored on the device and shown as a thumbnail. */
import { useEffect, useState } from 'preact/hooks';
import type * as z from 'zod/mini';
import type { PhotoStep } from '../../../shared/sop.ts';
import { liveValue, useLiveQuery } from '../../db/live.ts';
import { getPhotos } from '../../db/photos.ts';
import type { PhotoRow } from '../../db/types.ts';
import { useT } from '../../i18n/index.ts';
import { completeStep } from '../../run/actions.ts';
import { attachPhoto } from '../../run/photo.ts';
import { useAction } from '../use-action.ts';
import { FieldError, type StepFormProps, titleId } from './common.tsx';

function Thumbnail({ photo, label }: { photo: PhotoRow; label: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    // A blob that cannot be shown (no object URLs here) still leaves a labelled placeholder.
    if (typeof URL.createObjectURL !== 'function' || !(photo.blob instanceof Blob)) return;
    const objectUrl = URL.createObjectURL(photo.blob);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [photo]);
  return url ? <img class="thumbnail" src={url} alt={label} /> : <span class="thumbnail">{label}</span>;
}

export function PhotoForm({ ctx, step, disabled }: StepFormProps<z.infer<typeof PhotoStep>>) {
  const t = useT();
  const [busy, run] = useAction();
  const [error, setError] = useState<string | null>(null);
  const photoIds = ctx.state.steps[step.id]?.photoIds ?? [];
  const photos = liveValue(useLiveQuery(() => getPhotos(photoIds), [photoIds.join()])) ?? [];
  const errorId = `photo-error-${step.id}`;

  const onFile = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setError(null);
    void run(async () => {
      if (!(await attachPhoto(ctx.runId, step.id, file, ctx.state.lastSeq))) setError(t('photo.failed'));
      input.value = '';
    });
  };
  const done = () => {
    if (step.required && photoIds.length === 0) return setError(t('photo.required'));
    return run(() => completeStep(ctx, step.id));
  };

  return (
    <div class="step-form">
      <label class="button secondary file-button">
        <span>{t('photo.add')}</span>
        <input
          type="file"
          accept="image/*"
          capture="environment"
          class="visually-hidden-input"
          aria-labelledby={titleId(step)}
          aria-describedby={error ? errorId : undefined}
          disabled={disabled || busy}
          onChange={(e) => onFile(e.currentTarget)}
        />
      </label>
      {busy && <p role="status">{t('photo.processing')}</p>}
      <div class="thumbnails">
        {photos.map((photo, i) => (
          <Thumbnail key={photo.id} photo={photo} label={t('photo.thumbnail', { n: i + 1 })} />
        ))}
      </div>
      <FieldError id={errorId} message={error} />
      <div class="primary-actions">
        <button type="button" class="button primary" disabled={disabled || busy} onClick={done}>
          {t('run.done')}
        </button>
      </div>
    </div>
  );
}
