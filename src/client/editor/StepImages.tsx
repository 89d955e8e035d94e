/**
 * The images of one step in the editor: add (picture downscaled and uploaded, see
 * step-image-upload.ts), describe in the language being edited (the alt text runners'
 * screen readers say), reorder with Up and Down, remove. An upload finishes after the
 * author may have typed more: it is added to the step as it is then, never to the copy
 * the upload started from.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Locale } from '../../shared/sop.ts';
import { MAX_SOP_IMAGE_BYTES } from '../../shared/sop-api.ts';
import type { DraftStep, ProblemCode } from '../../shared/sop-draft.ts';
import { useT } from '../i18n/index.ts';
import { TextField } from './fields.tsx';
import { MoveButtons } from '../ui/MoveButtons.tsx';
import { buttonAfterMove, moveItem, useFocusAfterRender } from '../ui/reorder.ts';
import type { ImageUploader, ImageUploadOutcome } from './step-image-upload.ts';

/** Images a step may have (the shared schema's limit). */
export const MAX_STEP_IMAGES = 10;

type DraftImage = NonNullable<DraftStep['images']>[number];
type Notice = { kind: 'status' | 'alert'; text: string } | null;

interface StepImagesProps {
  step: DraftStep;
  index: number;
  lang: Locale;
  problems: ReadonlyMap<string, ProblemCode[]>;
  onChange: (step: DraftStep) => void;
  /** Absent where there is no SOP yet to upload images for (the import preview). */
  uploadImage?: ImageUploader | undefined;
}

export function StepImages(props: StepImagesProps) {
  const { step, index, lang, problems, onChange, uploadImage } = props;
  const t = useT();
  const n = index + 1;
  const images = step.images ?? [];
  const id = (field: string) => `step-${step.id}-${field}`;
  const focusAfterRender = useFocusAfterRender();
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  // The step and its onChange as last rendered, for an upload that ends later.
  const latest = useRef(props);
  latest.current = props;
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  // The import preview cannot add images: it shows the section only for images it already has.
  if (!uploadImage && images.length === 0) return null;

  const setImages = (next: readonly DraftImage[]) => {
    const { images: _, ...rest } = step;
    onChange(next.length > 0 ? { ...rest, images: [...next] } : rest);
  };
  const move = (from: number, to: number) => {
    focusAfterRender(id(`image-${buttonAfterMove(from, to, images.length)}-${to}`));
    setImages(moveItem(images, from, to));
  };

  const outcomeNotice = (outcome: ImageUploadOutcome): Notice => {
    if (outcome.ok) return { kind: 'status', text: t('editor.image.added') };
    if (outcome.reason === 'too_large') {
      return { kind: 'alert', text: t('editor.image.tooLarge', { mb: MAX_SOP_IMAGE_BYTES / 1024 / 1024 }) };
    }
    return { kind: 'alert', text: t(`editor.image.${outcome.reason}`) };
  };
  const add = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file || !uploadImage) return;
    setBusy(true);
    setNotice({ kind: 'status', text: t('editor.image.sending') });
    const outcome = await uploadImage(file);
    if (!mounted.current) return;
    setBusy(false);
    setNotice(outcomeNotice(outcome));
    if (!outcome.ok) return;
    const now = latest.current;
    const added = [...(now.step.images ?? []), { url: outcome.url, alt: {} }];
    focusAfterRender(id(`image-alt-${added.length - 1}`));
    now.onChange({ ...now.step, images: added });
  };

  return (
    <fieldset class="step-images">
      <legend>{t('editor.images')}</legend>
      {images.length > 0 && (
        <ol class="step-image-list">
          {images.map((image, i) => (
            <li key={image.url} class="step-image-item">
              <img class="thumbnail" src={image.url} alt="" />
              <div class="step-image-fields">
                <TextField
                  id={id(`image-alt-${i}`)}
                  label={t('editor.image.alt', { n: i + 1 })}
                  value={image.alt}
                  lang={lang}
                  problems={problems.get(`content.steps.${index}.images.${i}.alt`)}
                  hint={<span class="hint">{t('editor.image.altHint')}</span>}
                  onChange={(alt) => setImages(images.map((x, j) => (j === i ? { ...x, alt } : x)))}
                />
                <div class="control-row">
                  <MoveButtons
                    index={i}
                    count={images.length}
                    idOf={(button) => id(`image-${button}-${i}`)}
                    upLabel={t('editor.image.moveUp', { i: i + 1, n })}
                    downLabel={t('editor.image.moveDown', { i: i + 1, n })}
                    onMove={(to) => move(i, to)}
                  />
                  <button
                    type="button"
                    class="button small danger"
                    aria-label={t('editor.image.remove', { i: i + 1, n })}
                    onClick={() => setImages(images.filter((_, j) => j !== i))}
                  >
                    {t('editor.remove')}
                  </button>
                </div>
              </div>
            </li>
          ))}
        </ol>
      )}
      {!uploadImage ? null : images.length >= MAX_STEP_IMAGES ? (
        <p class="hint">{t('editor.image.max', { n: MAX_STEP_IMAGES })}</p>
      ) : (
        <label class="button small file-button">
          <span aria-hidden="true">{t('editor.image.add')}</span>
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp"
            class="visually-hidden-input"
            aria-label={t('editor.image.addN', { n })}
            disabled={busy}
            onChange={(e) => void add(e.currentTarget)}
          />
        </label>
      )}
      {notice && (
        <p key={notice.text} role={notice.kind} class={notice.kind === 'alert' ? 'field-error' : undefined}>
          {notice.text}
        </p>
      )}
    </fieldset>
  );
}
