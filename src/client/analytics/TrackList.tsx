/** A person's onboarding track being edited: its SOPs in order, each with Up, Down and Remove. */
import { useT } from '../i18n/index.ts';
import { MoveButtons } from '../ui/MoveButtons.tsx';
import { buttonAfterMove, moveItem, useFocusAfterRender } from '../ui/reorder.ts';

interface TrackListProps {
  sopIds: readonly string[];
  titleOf: (sopId: string) => string;
  labelledBy: string;
  onChange: (sopIds: string[]) => void;
}

export function TrackList({ sopIds, titleOf, labelledBy, onChange }: TrackListProps) {
  const t = useT();
  const focusAfterRender = useFocusAfterRender();
  if (sopIds.length === 0) return <p class="muted">{t('analytics.assign.empty')}</p>;
  const move = (from: number, to: number) => {
    focusAfterRender(`track-${buttonAfterMove(from, to, sopIds.length)}-${sopIds[from]}`);
    onChange([...moveItem(sopIds, from, to)]);
  };
  return (
    <ol class="track-edit" aria-labelledby={labelledBy}>
      {sopIds.map((sopId, i) => {
        const sop = titleOf(sopId);
        return (
          <li key={sopId}>
            <span class="track-edit-title">{sop}</span>
            <span class="control-row">
              <MoveButtons
                index={i}
                count={sopIds.length}
                idOf={(button) => `track-${button}-${sopId}`}
                upLabel={t('analytics.assign.moveUp', { sop })}
                downLabel={t('analytics.assign.moveDown', { sop })}
                onMove={(to) => move(i, to)}
              />
              <button
                type="button"
                class="button small danger"
                aria-label={t('analytics.assign.remove', { sop })}
                onClick={() => onChange(sopIds.filter((id) => id !== sopId))}
              >
                {t('editor.remove')}
              </button>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
