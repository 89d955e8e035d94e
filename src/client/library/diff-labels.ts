/**
 * A version comparison in words. The shared diff names each changed field the way the data
 * does ("title.en", "critical", "yes") and holds values as stored strings ("true", a step
 * id, seconds); people read the field's label in their language ("Title (English)") and the
 * values as the editor shows them ("yes", the step's title, "2 min 00 s").
 */
import { type Locale, localize } from '../../shared/locale.ts';
import type { SopDiff } from '../../shared/sop-diff.ts';
import { formatDuration, formatNumber } from '../i18n/format.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';

const FIELD_LABELS: Record<string, MessageKey> = {
  mode: 'editor.mode',
  objective: 'editor.objective',
  prerequisites: 'editor.prerequisites',
  acceptanceCriteria: 'editor.criteria',
  kind: 'editor.step.kind',
  title: 'editor.step.title',
  instructions: 'editor.step.instructions',
  why: 'editor.step.why',
  critical: 'editor.step.critical',
  expectedSeconds: 'editor.step.expected',
  images: 'editor.images',
  yes: 'editor.step.yes',
  no: 'editor.step.no',
  unit: 'editor.step.unit',
  min: 'editor.step.min',
  max: 'editor.step.max',
  required: 'diff.field.required',
};

/** Fields holding text people wrote: compared word by word. The others show before → after. */
const TEXT_FIELDS = new Set([
  'objective',
  'prerequisites',
  'acceptanceCriteria',
  'title',
  'instructions',
  'why',
  'unit',
]);

const baseOf = (field: string) => field.split('.')[0] ?? field;

export const isTextField = (field: string): boolean => TEXT_FIELDS.has(baseOf(field));

/** "Title (English)", "Critical step"; an unknown field keeps its name. */
export function fieldLabel(t: Translate, field: string): string {
  const [base = field, language] = field.split('.');
  const key = FIELD_LABELS[base];
  const label = key ? t(key) : field;
  return language === 'en' || language === 'fr'
    ? t('diff.inLanguage', { field: label, language: t(`diff.language.${language}`) })
    : label;
}

/** A stored value as people read it; `diff` names the steps a branch leads to. */
export function valueText(t: Translate, locale: Locale, diff: SopDiff, field: string, value: string): string {
  switch (baseOf(field)) {
    case 'critical':
    case 'required':
      return t(value === 'true' ? 'diff.value.yes' : 'diff.value.no');
    case 'kind':
      return t(`editor.kind.${value}` as MessageKey);
    case 'mode':
      return t(`editor.mode.${value}` as MessageKey);
    case 'yes':
    case 'no': {
      if (value === '') return t('editor.step.end');
      const step = diff.steps.find((s) => s.stepId === value);
      return step ? localize(step.title, locale) || value : value;
    }
    case 'images':
      return t('diff.value.images', { n: value === '' ? 0 : value.split('\n').length });
    case 'expectedSeconds':
      return value === '' ? t('diff.value.none') : formatDuration(Number(value) * 1000);
    case 'min':
    case 'max':
      return value === '' ? t('diff.value.none') : formatNumber(Number(value), locale);
    default:
      return value;
  }
}
