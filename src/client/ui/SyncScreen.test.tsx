import { act, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../db/database.ts';
import { updateSyncRuntime } from '../sync/status.ts';
import { renderApp, seedDemo } from '../test-support/render-app.tsx';
import { storeRun } from '../test-support/runs.ts';

const resetStatus = () => updateSyncRuntime({ block: null, storageFull: null, lastError: null, online: true });

beforeEach(seedDemo);
afterEach(() => {
  act(resetStatus);
  vi.restoreAllMocks();
});

describe('sync page states', () => {
  it('says "update the app" with the server minimum, in the page and in the header badge', async () => {
    renderApp('/sync');
    act(() => updateSyncRuntime({ block: { kind: 'update_required', minimum: 3 } }));
    expect(await screen.findByText(/Update required: this version of the app is too old/)).toBeTruthy();
    expect(screen.getByText('The server needs sync protocol 3 or newer.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Sync status: Update required' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Sync now' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('says "sign in again" and shows a full disk as an alert', async () => {
    renderApp('/sync');
    act(() => updateSyncRuntime({ block: { kind: 'sign_in_required' }, storageFull: { at: Date.now() } }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Sign in again to sync.');
    expect(alert.textContent).toContain('the last action was NOT saved');
    expect(screen.getByRole('link', { name: 'Sync status: Storage full' })).toBeTruthy();
  });

  it('shows pending work with its age and the offline state', async () => {
    await storeRun({ steps: 2 });
    renderApp('/sync');
    act(() => updateSyncRuntime({ online: false }));
    expect(await screen.findByText(/3 event\(s\) waiting to sync, the oldest for/)).toBeTruthy();
    expect(screen.getByText(/Offline: your work is kept on this device/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Sync status: Offline' })).toBeTruthy();
  });
});

describe('export and clear', () => {
  it('refuses to clear while work is pending, exports it, then clears after a confirmation', async () => {
    await storeRun({ steps: 1 });
    const saved: Blob[] = [];
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      saved.push(blob as Blob);
      return 'blob:export';
    };
    URL.revokeObjectURL = () => undefined;
    const navigate = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderApp('/sync');

    fireEvent.click(await screen.findByRole('button', { name: 'Clear data on this device' }));
    expect(await screen.findByText(/Export the pending data first/)).toBeTruthy();
    expect(screen.queryByRole('alertdialog')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Export pending data' }));
    expect(await screen.findByText(/Exported 2 item\(s\) to fieldbook-pending-/)).toBeTruthy();
    expect(navigate).toHaveBeenCalledOnce();
    const file = JSON.parse(await (saved[0] as Blob).text());
    expect(file).toMatchObject({ format: 'fieldbook-pending-export', version: 1 });
    expect(file.events.map((e: { type: string }) => e.type)).toEqual(['run_started', 'step_started']);
    expect(file.runs).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: 'Clear data on this device' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('Remove every procedure, run and photo');
    const assign = vi.fn();
    vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, assign });
    fireEvent.click(screen.getByRole('button', { name: 'Yes, clear this device' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('/'));
    expect(await db.events.count()).toBe(0);
    expect(await db.sops.count()).toBe(0);
  });
});
