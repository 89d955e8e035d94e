/**
 * Editor tests: a fake authoring server — the draft endpoint of one SOP with the server's
 * version check (a save based on an old revision is a 409 conflict), and the step image
 * upload; `online` false makes every call fail like a lost network, and a state-changing
 * call without the CSRF header is refused — and the editor opened on it.
 */
import { CSRF_HEADER, CSRF_VALUE } from '../../shared/csrf.ts';
import type { DraftEnvelope, SopImageUploaded } from '../../shared/sop-api.ts';
import { screen } from '@testing-library/preact';
import type { SopDraft } from '../../shared/sop-draft.ts';
import { uuidv7 } from '../../shared/uuid.ts';
import { setSopApiFetch } from '../library/sop-api-client.ts';
import { json } from './fake-server.ts';
import { cacheAccount, testAccount } from './accounts.ts';
import { renderApp } from './render-app.tsx';

export const tyreCheckDraft = (): SopDraft => ({
  title: { en: 'Tyre check' },
  category: 'operational',
  ownerName: null,
  reviewIntervalDays: 90,
  content: {
    mode: 'sequential',
    objective: { en: 'Safe tyres' },
    prerequisites: [],
    steps: [
      { id: 'a', kind: 'check', title: { en: 'Lift the car' }, critical: false },
      { id: 'q', kind: 'decision', title: { en: 'Is the tread worn?' }, critical: false, yes: 'c', no: null },
      { id: 'c', kind: 'check', title: { en: 'Replace the tyre' }, critical: true },
    ],
    acceptanceCriteria: [],
  },
});

const csrfOf = (init?: RequestInit) => new Headers(init?.headers).get(CSRF_HEADER);

export function draftServer(sopId: string, initial: SopDraft = tyreCheckDraft()) {
  const server = {
    online: true,
    envelope: {
      sopId,
      revision: 3,
      draft: initial,
      updatedAt: 1,
      updatedBy: null,
      latestVersion: 1,
    } as DraftEnvelope,
    saves: [] as { revision: number; draft: SopDraft }[],
    /** The images received: their Content-Type and bytes. */
    images: [] as { type: string; bytes: Uint8Array }[],
    fetch: async (input: string, init?: RequestInit): Promise<Response> => {
      if (!server.online) throw new TypeError('Failed to fetch');
      if (init?.method && init.method !== 'GET' && csrfOf(init) !== CSRF_VALUE) {
        return json({ error: 'csrf_rejected', message: 'x' }, 403);
      }
      if (input === `/api/sops/${sopId}/images` && init?.method === 'POST') {
        const type = new Headers(init.headers).get('content-type') ?? '';
        server.images.push({ type, bytes: new Uint8Array(await (init.body as Blob).arrayBuffer()) });
        const id = uuidv7();
        const body: SopImageUploaded = { id, url: `/media/sop-images/${id}`, mime: 'image/png', bytes: 1 };
        return json(body, 201);
      }
      if (input !== `/api/sops/${sopId}/draft`) return json({ error: 'not_found', message: 'x' }, 404);
      if (init?.method !== 'PUT') return json(server.envelope);
      const body = JSON.parse(String(init.body)) as { revision: number; draft: SopDraft };
      if (body.revision !== server.envelope.revision) {
        return json({ error: 'conflict', message: 'changed', current: server.envelope }, 409);
      }
      server.saves.push(body);
      server.envelope = { ...server.envelope, revision: body.revision + 1, draft: body.draft, updatedAt: Date.now() };
      return json(server.envelope);
    },
  };
  setSopApiFetch(server.fetch);
  return server;
}

let sopNumber = 0;

/** A new SOP id for each test: a closed editor's last save can never reach the next test's server. */
export const nextSopId = () => `0190f0a0-0000-7000-8000-${String(++sopNumber).padStart(12, '0')}`;

export async function openEditor(sopId: string) {
  await cacheAccount(testAccount('author'));
  renderApp(`/library/${sopId}/edit`);
  await screen.findByRole('heading', { name: 'Edit the draft', level: 1 });
}

/** The editor's fieldset of step `n`. */
export const stepGroup = (n: number) => screen.getByRole('group', { name: `Step ${n}` });
