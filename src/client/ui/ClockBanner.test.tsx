import { act, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLocale } from '../i18n/index.ts';
import { updateSyncRuntime } from '../sync/status.ts';
import { ClockBanner } from './ClockBanner.tsx';

afterEach(() => act(() => updateSyncRuntime({ clockWarning: null })));

describe('ClockBanner', () => {
  it('says nothing while the clock is right', () => {
    applyLocale('en');
    render(<ClockBanner />);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('tells how far behind or ahead the clock is, and that the work is saved', () => {
    applyLocale('en');
    render(<ClockBanner />);
    act(() => updateSyncRuntime({ clockWarning: { reason: 'clock_offset', skewMs: 3_600_000 } }));
    expect(screen.getByRole('alert').textContent).toMatch(/60 min behind.*saved all the same/);
    act(() => updateSyncRuntime({ clockWarning: { reason: 'clock_offset', skewMs: -180_000 } }));
    expect(screen.getByRole('alert').textContent).toMatch(/3 min ahead/);
  });

  it('names a clock set in the past, in French too', () => {
    applyLocale('fr');
    render(<ClockBanner />);
    act(() => updateSyncRuntime({ clockWarning: { reason: 'before_registration', skewMs: 0 } }));
    expect(screen.getByRole('alert').textContent).toMatch(/réglée dans le passé/);
    applyLocale('en');
  });
});
