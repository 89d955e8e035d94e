/** `/sops/$sopId/run`: starts a run (or resumes this SOP's run in progress), then shows it. */
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n/index.ts';
import { startRun } from '../run/start.ts';

export function StartRunScreen({ sopId, training }: { sopId: string; training: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    startRun(sopId, training).then(
      (runId) => {
        if (!live) return;
        if (runId) void navigate({ to: '/runs/$runId', params: { runId }, replace: true });
        else setFailed(true);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [sopId, training, navigate]);
  return failed ? <p role="alert">{t('start.noVersion')}</p> : <p role="status">{t('start.starting')}</p>;
}
