/**
 * The draft form: the SOP's fields, objective, prerequisites, acceptance criteria and
 * steps. Steps reorder by drag and drop (a step card is draggable) or by keyboard with
 * the move up/down buttons; after a keyboard move the focus follows the step.
 */
import { useRef, useState } from 'preact/hooks';
import { type Locale, SOP_CATEGORIES, type SopCategory } from '../../shared/locale.ts';
import type { ExecutionMode } from '../../shared/sop.ts';
import type { DraftText, ProblemCode, SopDraft } from '../../shared/sop-draft.ts';
import { useT } from '../i18n/index.ts';
import { addStep, deleteStep, duplicateStep, moveStep, replaceStep, setContent } from './draft-edit.ts';
import { NumberField, TextField } from './fields.tsx';
import { buttonAfterMove, useFocusAfterRender } from '../ui/reorder.ts';
import type { ImageUploader } from './step-image-upload.ts';
import { StepEditor } from './StepEditor.tsx';
import { TextListEditor } from './TextListEditor.tsx';

export interface DraftFormProps {
  draft: SopDraft;
  lang: Locale;
  problems: ReadonlyMap<string, ProblemCode[]>;
  onChange: (draft: SopDraft) => void;
  /** Adds step images; absent where the SOP does not exist yet (import preview). */
  uploadImage?: ImageUploader | undefined;
}

export function DraftForm({ draft, lang, problems, onChange, uploadImage }: DraftFormProps) {
  const t = useT();
  const { content } = draft;
  return (
    <div class="draft-form">
      <TextField
        id="sop-title"
        label={t('editor.sopTitle')}
        value={draft.title}
        lang={lang}
        problems={problems.get('title')}
        onChange={(title) => onChange({ ...draft, title })}
      />
      <div class="form-grid">
        <div class="field-label">
          <label for="sop-category">{t('list.category')}</label>
          <select
            id="sop-category"
            class="field"
            value={draft.category}
            onInput={(e) => onChange({ ...draft, category: e.currentTarget.value as SopCategory })}
          >
            {SOP_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field-label">
          <label for="sop-owner">{t('editor.owner')}</label>
          <input
            id="sop-owner"
            class="field"
            type="text"
            value={draft.ownerName ?? ''}
            onInput={(e) =>
              onChange({ ...draft, ownerName: e.currentTarget.value.trim() ? e.currentTarget.value : null })
            }
          />
        </div>
        <NumberField
          id="sop-review"
          label={t('editor.reviewInterval')}
          value={draft.reviewIntervalDays}
          integer
          problems={problems.get('reviewIntervalDays')}
          onChange={(days) => onChange({ ...draft, reviewIntervalDays: days ?? 0 })}
        />
        <div class="field-label">
          <label for="sop-mode">{t('editor.mode')}</label>
          <select
            id="sop-mode"
            class="field"
            value={content.mode}
            onInput={(e) => onChange(setContent(draft, { mode: e.currentTarget.value as ExecutionMode }))}
          >
            <option value="sequential">{t('editor.mode.sequential')}</option>
            <option value="free_order">{t('editor.mode.free_order')}</option>
          </select>
        </div>
      </div>
      <TextField
        id="sop-objective"
        label={t('editor.objective')}
        value={content.objective}
        lang={lang}
        multiline
        problems={problems.get('content.objective')}
        onChange={(objective: DraftText) => onChange(setContent(draft, { objective }))}
      />
      <TextListEditor
        name="prerequisites"
        legend={t('editor.prerequisites')}
        itemLabel={(n) => t('editor.prerequisiteN', { n })}
        items={content.prerequisites}
        lang={lang}
        problems={problems}
        onChange={(prerequisites) => onChange(setContent(draft, { prerequisites }))}
      />
      <StepList draft={draft} lang={lang} problems={problems} onChange={onChange} uploadImage={uploadImage} />
      <TextListEditor
        name="acceptanceCriteria"
        legend={t('editor.criteria')}
        itemLabel={(n) => t('editor.criterionN', { n })}
        items={content.acceptanceCriteria}
        lang={lang}
        problems={problems}
        onChange={(acceptanceCriteria) => onChange(setContent(draft, { acceptanceCriteria }))}
      />
    </div>
  );
}

function StepList({ draft, lang, problems, onChange, uploadImage }: DraftFormProps) {
  const t = useT();
  const steps = draft.content.steps;
  const dragged = useRef<number | null>(null);
  const [dropTarget, setDropTarget] = useState<number | null>(null);
  const focusAfterRender = useFocusAfterRender();
  const move = (from: number, to: number) => {
    const step = steps[from];
    if (!step) return;
    focusAfterRender(`move-${buttonAfterMove(from, to, steps.length)}-${step.id}`);
    onChange(moveStep(draft, from, to));
  };
  return (
    <section aria-labelledby="steps-heading">
      <h2 id="steps-heading">{t('editor.steps')}</h2>
      {problems.get('content.steps')?.includes('no_steps') && (
        <p class="field-error problem">{t('problem.no_steps')}</p>
      )}
      <p class="hint">{t('editor.reorderHint')}</p>
      <ol class="step-list">
        {steps.map((step, index) => (
          <li
            key={step.id}
            draggable
            class={dropTarget === index ? 'drop-target' : undefined}
            onDragStart={(e) => {
              dragged.current = index;
              e.dataTransfer?.setData('text/plain', step.id);
            }}
            onDragOver={(e) => {
              e.preventDefault();
              setDropTarget(index);
            }}
            onDragLeave={() => setDropTarget(null)}
            onDrop={(e) => {
              e.preventDefault();
              setDropTarget(null);
              if (dragged.current !== null) onChange(moveStep(draft, dragged.current, index));
              dragged.current = null;
            }}
          >
            <StepEditor
              step={step}
              index={index}
              count={steps.length}
              steps={steps}
              lang={lang}
              problems={problems}
              onChange={(next) => onChange(replaceStep(draft, index, next))}
              onMove={(to) => move(index, to)}
              onDuplicate={() => onChange(duplicateStep(draft, index))}
              onDelete={() => onChange(deleteStep(draft, index))}
              uploadImage={uploadImage}
            />
          </li>
        ))}
      </ol>
      <button type="button" class="button" onClick={() => onChange(addStep(draft))}>
        {t('editor.addStep')}
      </button>
    </section>
  );
}
