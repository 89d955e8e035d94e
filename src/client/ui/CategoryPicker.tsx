/** Radio buttons for a problem category, each a full-width 48 px target. */
import { FLAG_CATEGORIES, type FlagCategory } from '../../shared/events.ts';
import { useT } from '../i18n/index.ts';

interface Props {
  legend: string;
  name: string;
  value: FlagCategory;
  disabled?: boolean;
  onChange: (category: FlagCategory) => void;
}

export function CategoryPicker({ legend, name, value, disabled, onChange }: Props) {
  const t = useT();
  return (
    <fieldset class="choices" disabled={disabled}>
      <legend>{legend}</legend>
      {FLAG_CATEGORIES.map((category) => (
        <label key={category} class="choice">
          <input
            type="radio"
            name={name}
            value={category}
            checked={value === category}
            onChange={() => onChange(category)}
          />
          {t(`flagCategory.${category}`)}
        </label>
      ))}
    </fieldset>
  );
}
