/** One step in the editor: its kind and fields, and the buttons that move, copy or delete it. */

import { type Locale, localize } from '../../shared/locale.ts';
import type { StepKind } from '../../shared/sop.ts';
import type { DraftStep, ProblemCode } from '../../shared/sop-draft.ts';
import { useT } from '../i18n/index.ts';
import { changeKind } from './draft-edit.ts';
import { CheckboxField, FieldProblems, NumberField, TextField } from './fields.tsx';
import { StepImages } from './StepImages.tsx';
import type { ImageUploader } from './step-image-upload.ts';
import { MoveButtons } from '../ui/MoveButtons.tsx';

const KINDS: StepKind[] = ['check', 'decision', 'reading', 'text', 'photo'];
const END = '__end__';

export interface StepEditorProps {
  step: DraftStep;
  index: number;
  count: number;
  steps: readonly DraftStep[];
  lang: Locale;
  problems: ReadonlyMap<string, ProblemCode[]>;
  onChange: (step: DraftStep) => void;
  onMove: (to: number) => void;
  onDuplicate: () => void;
  onDelete: () => void;
  uploadImage?: ImageUploader | undefined;
}

export function StepEditor(props: StepEditorProps) {
  const { step, index, lang, problems, onChange } = props;
  const t = useT();
  const n = index + 1;
  const id = (field: string) => `step-${step.id}-${field}`;
  const at = (field: string) => problems.get(`content.steps.${index}.${field}`);
  return (
    <fieldset class="step-editor" aria-labelledby={id('legend')}>
      <legend id={id('legend')} class="step-legend">
        {t('editor.stepN', { n })}
      </legend>
      <FieldProblems id={id('problem')} codes={problems.get(`content.steps.${index}`)} />
      <TextField
        id={id('title')}
        label={t('editor.step.title')}
        value={step.title}
        lang={lang}
        problems={at('title')}
        onChange={(title) => onChange({ ...step, title })}
      />
      <div class="field-label">
        <label for={id('kind')}>{t('editor.step.kind')}</label>
        <select
          id={id('kind')}
          class="field"
          value={step.kind}
          onInput={(e) => onChange(changeKind(step, e.currentTarget.value as StepKind))}
        >
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`editor.kind.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <KindFields {...props} />
      <TextField
        id={id('instructions')}
        label={t('editor.step.instructions')}
        value={step.instructions}
        lang={lang}
        multiline
        problems={at('instructions')}
        onChange={(instructions) => onChange({ ...step, instructions })}
      />
      <TextField
        id={id('why')}
        label={t('editor.step.why')}
        value={step.why}
        lang={lang}
        multiline
        problems={at('why')}
        onChange={(why) => onChange({ ...step, why })}
      />
      <StepImages
        step={step}
        index={index}
        lang={lang}
        problems={problems}
        onChange={onChange}
        uploadImage={props.uploadImage}
      />
      <div class="step-row">
        <CheckboxField
          id={id('critical')}
          label={t('editor.step.critical')}
          checked={step.critical}
          onChange={(critical) => onChange({ ...step, critical })}
        />
        <NumberField
          id={id('expected')}
          label={t('editor.step.expected')}
          value={step.expectedSeconds === undefined ? undefined : step.expectedSeconds / 60}
          problems={at('expectedSeconds')}
          onChange={(minutes) => {
            const { expectedSeconds: _, ...rest } = step;
            onChange(minutes === undefined ? rest : { ...rest, expectedSeconds: Math.round(minutes * 60) });
          }}
        />
      </div>
      <StepActions {...props} />
    </fieldset>
  );
}

function KindFields({ step, index, steps, lang, problems, onChange }: StepEditorProps) {
  const t = useT();
  const id = (field: string) => `step-${step.id}-${field}`;
  const at = (field: string) => problems.get(`content.steps.${index}.${field}`);
  if (step.kind === 'decision') {
    const branch = (answer: 'yes' | 'no') => {
      const target = step[answer];
      const others = steps.filter((s) => s.id !== step.id);
      const dangling = target !== null && !others.some((s) => s.id === target);
      return (
        <div class="field-label">
          <label for={id(answer)}>{t(answer === 'yes' ? 'editor.step.yes' : 'editor.step.no')}</label>
          <select
            id={id(answer)}
            class="field"
            value={target ?? END}
            aria-invalid={at(answer) ? 'true' : undefined}
            aria-describedby={at(answer) ? `${id(answer)}-problem` : undefined}
            onInput={(e) => {
              const value = e.currentTarget.value;
              onChange({ ...step, [answer]: value === END ? null : value });
            }}
          >
            <option value={END}>{t('editor.step.end')}</option>
            {dangling && <option value={target ?? ''}>{t('editor.step.missing')}</option>}
            {others.map((s) => (
              <option key={s.id} value={s.id}>
                {t('editor.stepOption', { n: steps.indexOf(s) + 1, title: localize(s.title, lang) || '…' })}
              </option>
            ))}
          </select>
          <FieldProblems id={`${id(answer)}-problem`} codes={at(answer)} />
        </div>
      );
    };
    return (
      <div class="step-row">
        {branch('yes')}
        {branch('no')}
      </div>
    );
  }
  if (step.kind === 'reading') {
    return (
      <div class="step-row">
        <div class="field-label">
          <label for={id('unit')}>{t('editor.step.unit')}</label>
          <input
            id={id('unit')}
            class="field"
            type="text"
            value={step.unit}
            onInput={(e) => onChange({ ...step, unit: e.currentTarget.value })}
          />
        </div>
        <NumberField
          id={id('min')}
          label={t('editor.step.min')}
          value={step.min}
          problems={at('min')}
          onChange={(min) => onChange(withBound(step, 'min', min))}
        />
        <NumberField
          id={id('max')}
          label={t('editor.step.max')}
          value={step.max}
          problems={at('max')}
          onChange={(max) => onChange(withBound(step, 'max', max))}
        />
      </div>
    );
  }
  if (step.kind === 'text' || step.kind === 'photo') {
    return (
      <CheckboxField
        id={id('required')}
        label={t(step.kind === 'text' ? 'editor.step.textRequired' : 'editor.step.photoRequired')}
        checked={step.required}
        onChange={(required) => onChange({ ...step, required })}
      />
    );
  }
  return null;
}

function withBound<S extends { min?: number; max?: number }>(
  step: S,
  bound: 'min' | 'max',
  value: number | undefined,
): S {
  const next = { ...step };
  if (value === undefined) delete next[bound];
  else next[bound] = value;
  return next;
}

function StepActions({ step, index, count, onMove, onDuplicate, onDelete }: StepEditorProps) {
  const t = useT();
  const n = index + 1;
  return (
    <div class="control-row step-actions">
      <MoveButtons
        index={index}
        count={count}
        idOf={(button) => `move-${button}-${step.id}`}
        upLabel={t('editor.moveUp', { n })}
        downLabel={t('editor.moveDown', { n })}
        onMove={onMove}
      />
      <button type="button" class="button small" aria-label={t('editor.duplicateN', { n })} onClick={onDuplicate}>
        {t('editor.duplicate')}
      </button>
      <button type="button" class="button small danger" aria-label={t('editor.deleteN', { n })} onClick={onDelete}>
        {t('editor.delete')}
      </button>
    </div>
  );
}
