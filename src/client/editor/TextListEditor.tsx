/** A list of short texts (prerequisites, acceptance criteria): edit, add and remove lines. */

import type { Locale } from '../../shared/sop.ts';
import type { DraftText, ProblemCode } from '../../shared/sop-draft.ts';
import { useT } from '../i18n/index.ts';
import { TextField } from './fields.tsx';

interface TextListEditorProps {
  name: 'prerequisites' | 'acceptanceCriteria';
  legend: string;
  itemLabel: (n: number) => string;
  items: readonly DraftText[];
  lang: Locale;
  problems: ReadonlyMap<string, ProblemCode[]>;
  onChange: (items: DraftText[]) => void;
}

export function TextListEditor({ name, legend, itemLabel, items, lang, problems, onChange }: TextListEditorProps) {
  const t = useT();
  return (
    <fieldset class="text-list">
      <legend>{legend}</legend>
      {items.length === 0 && <p class="hint">{t('editor.noItems')}</p>}
      {items.map((item, i) => (
        <div class="text-list-item" key={`${name}-${i}`}>
          <TextField
            id={`${name}-${i}`}
            label={itemLabel(i + 1)}
            value={item}
            lang={lang}
            problems={problems.get(`content.${name}.${i}`)}
            onChange={(next) => onChange(items.map((x, j) => (j === i ? next : x)))}
          />
          <button
            type="button"
            class="button small danger"
            aria-label={t('editor.removeItem', { item: itemLabel(i + 1) })}
            onClick={() => onChange(items.filter((_, j) => j !== i))}
          >
            {t('editor.remove')}
          </button>
        </div>
      ))}
      <button type="button" class="button small" onClick={() => onChange([...items, {}])}>
        {t('editor.addItem', { list: legend })}
      </button>
    </fieldset>
  );
}
