/**
 * Draft autosave: every edit is kept on the device at once (draft-store.ts), then saved
 * to the server after a pause in typing. One save runs at a time; an edit made during a
 * save is saved right after it, from the revision the server just returned.
 *
 * Outcomes: `saved` (the device copy is forgotten), `offline` (kept on the device, saved
 * again when the browser reports the network back or on the next edit), `conflict`
 * (someone else saved first: autosave stops and the author chooses — keep theirs, or
 * overwrite with mine from their revision), `error` (the server refused the draft).
 */
import type { DraftEnvelope } from '../../shared/sop-api.ts';
import type { SopDraft } from '../../shared/sop-draft.ts';
import type { ApiOutcome } from '../library/sop-api-client.ts';
import { forgetDraft, forgetDraftIfSaved, keepDraft } from './draft-store.ts';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'offline' | 'conflict' | 'error';

export interface AutosaveStatus {
  state: SaveState;
  revision: number;
  /** The server's draft when `state` is `conflict`. */
  theirs: DraftEnvelope | null;
}

export type SaveDraftCall = (sopId: string, revision: number, draft: SopDraft) => Promise<ApiOutcome<DraftEnvelope>>;

export const AUTOSAVE_DELAY_MS = 1200;

export class DraftAutosave {
  private status: AutosaveStatus;
  private latest: { draft: SopDraft; editedAt: number } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private readonly onOnline = () => void this.flush();

  constructor(
    private readonly sopId: string,
    revision: number,
    private readonly saveCall: SaveDraftCall,
    private readonly onStatus: (status: AutosaveStatus) => void,
    private readonly delayMs = AUTOSAVE_DELAY_MS,
  ) {
    this.status = { state: 'saved', revision, theirs: null };
    globalThis.addEventListener?.('online', this.onOnline);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    globalThis.removeEventListener?.('online', this.onOnline);
  }

  get current(): AutosaveStatus {
    return this.status;
  }

  /** Records an edit: kept on the device now, saved after the pause. */
  async edit(draft: SopDraft): Promise<void> {
    this.latest = { draft, editedAt: Date.now() };
    await keepDraft({ sopId: this.sopId, basedOn: this.status.revision, draft, editedAt: this.latest.editedAt });
    if (this.status.state === 'conflict') return;
    this.set({ state: 'unsaved' });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Saves the latest edit now (after the save in flight, if any). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.running) await this.running;
    this.running = this.drain().finally(() => {
      this.running = null;
    });
    await this.running;
  }

  private async drain(): Promise<void> {
    while (this.latest && (this.status.state === 'unsaved' || this.status.state === 'offline')) {
      if (!(await this.saveOnce(this.latest))) return;
    }
  }

  /** The server moved the draft to `revision` itself (publishing a draft never saved). */
  rebase(revision: number): void {
    if (this.status.state === 'saved') this.set({ revision });
  }

  /** Conflict resolved by overwriting: my draft is saved on top of their revision. */
  async overwrite(): Promise<void> {
    const theirs = this.status.theirs;
    if (!theirs || !this.latest) return;
    this.set({ state: 'unsaved', revision: theirs.revision, theirs: null });
    await this.flush();
  }

  /** Conflict resolved by taking theirs: my device copy is dropped. */
  async discardMine(): Promise<DraftEnvelope | null> {
    const theirs = this.status.theirs;
    if (!theirs) return null;
    this.latest = null;
    await forgetDraft(this.sopId);
    this.set({ state: 'saved', revision: theirs.revision, theirs: null });
    return theirs;
  }

  /** One save of `edit`; true when a newer edit is waiting to be saved. */
  private async saveOnce(edit: { draft: SopDraft; editedAt: number }): Promise<boolean> {
    this.set({ state: 'saving' });
    const result = await this.saveCall(this.sopId, this.status.revision, edit.draft);
    if (!result.ok) {
      if (result.reason === 'offline') this.set({ state: 'offline' });
      else if (result.reason === 'conflict') this.set({ state: 'conflict', theirs: result.current });
      else this.set({ state: 'error' });
      return false;
    }
    await forgetDraftIfSaved(this.sopId, edit.editedAt);
    const newer = this.latest !== edit ? this.latest : null;
    this.set({ state: newer ? 'unsaved' : 'saved', revision: result.value.revision });
    // The device copy of a newer edit must name the revision its save will be based on.
    if (newer) await keepDraft({ sopId: this.sopId, basedOn: result.value.revision, ...newer });
    return newer !== null;
  }

  private set(patch: Partial<AutosaveStatus>): void {
    this.status = { ...this.status, ...patch };
    this.onStatus(this.status);
  }
}
