/**
 * Assigning an onboarding track: choose a person, set their first day (the onboarding
 * clock), put published SOPs in the order they learn them, save. Edits are kept per
 * person until saved, so choosing someone else for a moment loses nothing; a failed save
 * says why and keeps the edits on screen.
 */
import { useState } from 'preact/hooks';
import { IsoDate, type OnboardingTeam, type PersonWire } from '../../shared/analytics-wire.ts';
import { localize } from '../../shared/locale.ts';
import type { SopSummary } from '../../shared/sop-api.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { fetchPeople } from './api.ts';
import { fetchPublishedSops, type SaveTrackOutcome, saveTrack } from './onboarding-api.ts';
import { ResourceStatus } from './Status.tsx';
import { TrackList } from './TrackList.tsx';
import { type Resource, useResource } from './use-resource.ts';

interface Draft {
  startDate: string;
  sopIds: string[];
}
type Notice = { kind: 'status' | 'alert'; text: string } | null;

interface TrackAssignmentProps {
  team: OnboardingTeam;
  /** Called after a save, so the team view shows the new track. */
  onSaved: () => void;
}

export function TrackAssignment({ team, onSaved }: TrackAssignmentProps) {
  const t = useT();
  const people = useResource(fetchPeople, 'people');
  const sops = useResource(fetchPublishedSops, 'published-sops');
  const [personId, setPersonId] = useState('');
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [notice, setNotice] = useState<Notice>(null);

  const failed: Resource<unknown> | undefined = [people, sops].find((r) => r.status !== 'ready');
  const person = people.status === 'ready' ? people.data.people.find((p) => p.id === personId) : undefined;
  const draft = person && (drafts[person.id] ?? savedDraft(team, person));
  const choose = (id: string) => {
    setPersonId(id);
    setNotice(null);
  };

  return (
    <section aria-labelledby="assign-heading" class="panel track-assignment">
      <h2 id="assign-heading">{t('analytics.assign.title')}</h2>
      {failed ? (
        <ResourceStatus resource={failed} />
      ) : people.status === 'ready' && people.data.people.length === 0 ? (
        <p>{t('analytics.assign.noPeople')}</p>
      ) : (
        <div class="field-label">
          <label for="assign-person">{t('analytics.assign.person')}</label>
          <select id="assign-person" class="field" value={personId} onInput={(e) => choose(e.currentTarget.value)}>
            <option value="">{t('analytics.assign.choose')}</option>
            {people.status === 'ready' &&
              people.data.people.map((p) => (
                <option key={p.id} value={p.id}>
                  {t('analytics.assign.personOption', { name: p.name, role: t(`analytics.assign.role.${p.role}`) })}
                </option>
              ))}
          </select>
        </div>
      )}
      {person && draft && sops.status === 'ready' && (
        <PersonTrack
          key={person.id}
          person={person}
          draft={draft}
          team={team}
          published={sops.data}
          onChange={(next) => setDrafts({ ...drafts, [person.id]: next })}
          onNotice={setNotice}
          onSaved={onSaved}
        />
      )}
      {notice && (
        <p key={notice.text} role={notice.kind} class={notice.kind === 'alert' ? 'field-error' : undefined}>
          {notice.text}
        </p>
      )}
    </section>
  );
}

/** The person's track as the server has it (empty for someone not in onboarding yet). */
function savedDraft(team: OnboardingTeam, person: PersonWire): Draft {
  const inTeam = team.people.find((p) => p.id === person.id);
  return { startDate: person.startDate, sopIds: inTeam ? inTeam.track.map((item) => item.sopId) : [] };
}

interface PersonTrackProps {
  person: PersonWire;
  draft: Draft;
  team: OnboardingTeam;
  published: readonly SopSummary[];
  onChange: (draft: Draft) => void;
  onNotice: (notice: Notice) => void;
  onSaved: () => void;
}

function PersonTrack({ person, draft, team, published, onChange, onNotice, onSaved }: PersonTrackProps) {
  const t = useT();
  const locale = useLocale();
  const [toAdd, setToAdd] = useState('');
  const [saving, setSaving] = useState(false);
  const titleOf = (sopId: string): string => {
    const title =
      published.find((s) => s.id === sopId)?.title ??
      team.people.flatMap((p) => p.track).find((item) => item.sopId === sopId)?.title;
    return (title && localize(title, locale)) || t('library.untitled');
  };
  const available = published.filter((s) => !draft.sopIds.includes(s.id));
  const chosen = available.some((s) => s.id === toAdd) ? toAdd : (available[0]?.id ?? '');

  const save = async () => {
    if (!IsoDate.safeParse(draft.startDate).success) {
      return onNotice({ kind: 'alert', text: t('analytics.assign.invalidDate') });
    }
    setSaving(true);
    onNotice({ kind: 'status', text: t('analytics.assign.saving') });
    const outcome = await saveTrack({ ...person, startDate: draft.startDate }, draft.sopIds);
    setSaving(false);
    onNotice(noticeOf(t, outcome, person.name));
    if (outcome.ok) onSaved();
  };

  return (
    <>
      <div class="field-label">
        <label for="assign-start">{t('analytics.assign.startDate')}</label>
        <input
          id="assign-start"
          class="field"
          type="date"
          value={draft.startDate}
          onInput={(e) => onChange({ ...draft, startDate: e.currentTarget.value })}
        />
      </div>
      <h3 id="assign-track-heading">{t('analytics.assign.track', { name: person.name })}</h3>
      <TrackList
        sopIds={draft.sopIds}
        titleOf={titleOf}
        labelledBy="assign-track-heading"
        onChange={(sopIds) => onChange({ ...draft, sopIds })}
      />
      {available.length === 0 ? (
        <p class="muted">{t('analytics.assign.allAdded')}</p>
      ) : (
        <div class="control-row track-add">
          <div class="field-label">
            <label for="assign-add">{t('analytics.assign.toAdd')}</label>
            <select id="assign-add" class="field" value={chosen} onInput={(e) => setToAdd(e.currentTarget.value)}>
              {available.map((s) => (
                <option key={s.id} value={s.id}>
                  {titleOf(s.id)}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            class="button"
            onClick={() => onChange({ ...draft, sopIds: [...draft.sopIds, chosen] })}
          >
            {t('analytics.assign.add')}
          </button>
        </div>
      )}
      <button type="button" class="button primary" disabled={saving} onClick={() => void save()}>
        {t('analytics.assign.save')}
      </button>
    </>
  );
}

function noticeOf(t: ReturnType<typeof useT>, outcome: SaveTrackOutcome, name: string): Notice {
  if (outcome.ok) return { kind: 'status', text: t('analytics.assign.saved', { name }) };
  const key = {
    offline: 'analytics.assign.offline',
    unknown_person: 'analytics.assign.unknownPerson',
    unknown_sop: 'analytics.assign.unknownSop',
    failed: 'analytics.assign.failed',
  } as const;
  return { kind: 'alert', text: t(key[outcome.reason]) };
}
