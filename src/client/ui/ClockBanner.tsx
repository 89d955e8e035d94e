/**
 * Tells the technician when the server found this phone's clock wrong. Their work is
 * still saved and counted (durations are corrected); setting the clock right keeps the
 * dates of their runs true.
 */
import { useT } from '../i18n/index.ts';
import { useSyncRuntime } from '../sync/status.ts';

const MINUTE = 60_000;

export function ClockBanner() {
  const t = useT();
  const { clockWarning } = useSyncRuntime();
  if (!clockWarning) return null;
  const minutes = Math.max(1, Math.round(Math.abs(clockWarning.skewMs) / MINUTE));
  const message =
    clockWarning.reason === 'clock_offset'
      ? t(clockWarning.skewMs > 0 ? 'clock.behind' : 'clock.ahead', { minutes })
      : t('clock.past');
  return (
    <p class="warning clock-warning" role="alert">
      {message} {t('clock.fix')}
    </p>
  );
}
