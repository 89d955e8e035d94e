/** The Up and Down buttons of one item of a reorderable list (reorder.ts keeps the focus on them after a move). */
import { useT } from '../i18n/index.ts';

interface MoveButtonsProps {
  /** The item's position and the list's length: Up is disabled on the first, Down on the last. */
  index: number;
  count: number;
  /** The id of each button, the one the focus returns to after a move. */
  idOf: (button: 'up' | 'down') => string;
  /** Accessible names saying which item moves. */
  upLabel: string;
  downLabel: string;
  onMove: (to: number) => void;
}

export function MoveButtons({ index, count, idOf, upLabel, downLabel, onMove }: MoveButtonsProps) {
  const t = useT();
  return (
    <>
      <button
        id={idOf('up')}
        type="button"
        class="button small"
        disabled={index === 0}
        aria-label={upLabel}
        onClick={() => onMove(index - 1)}
      >
        ↑ {t('editor.up')}
      </button>
      <button
        id={idOf('down')}
        type="button"
        class="button small"
        disabled={index === count - 1}
        aria-label={downLabel}
        onClick={() => onMove(index + 1)}
      >
        ↓ {t('editor.down')}
      </button>
    </>
  );
}
