/**
 * The team in onboarding: assigning a person their track, then each new hire's track,
 * their status per SOP, and their learning curves.
 */
import { Link } from '@tanstack/react-router';
import { useState } from 'preact/hooks';
import type { OnboardingTeam } from '../../shared/analytics-wire.ts';
import { localize } from '../../shared/locale.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { fetchOnboarding } from './api.ts';
import { LearningCurve } from './charts/LearningCurve.tsx';
import { day } from './format.ts';
import { ResourceStatus } from './Status.tsx';
import { TrackAssignment } from './TrackAssignment.tsx';
import { useResource } from './use-resource.ts';
import './analytics.css';

type Person = OnboardingTeam['people'][number];

function Status({ item }: { item: Person['track'][number] }) {
  const t = useT();
  if (item.reached) return <>{t('analytics.onboarding.reached', { k: item.atRun ?? 0, days: item.days ?? 0 })}</>;
  if (item.runs === 0) return <>{t('analytics.onboarding.notStarted')}</>;
  return <>{t('analytics.onboarding.learning', { n: item.runs })}</>;
}

function PersonSection({ person }: { person: Person }) {
  const t = useT();
  const locale = useLocale();
  const id = `person-${person.id}`;
  return (
    <section aria-labelledby={id} class="panel">
      <h2 id={id}>{person.name}</h2>
      <p class="muted">{t('analytics.onboarding.since', { date: day(Date.parse(person.startDate), locale) })}</p>
      <ol class="track">
        {person.track.map((item) => (
          <li key={item.sopId}>
            <strong>{localize(item.title, locale)}</strong> — <Status item={item} />
          </li>
        ))}
      </ol>
      {person.track
        .filter((item) => item.runs > 0)
        .map((item) => (
          <LearningCurve
            key={item.sopId}
            item={item}
            title={t('analytics.curve.title', { name: person.name, sop: localize(item.title, locale) })}
          />
        ))}
    </section>
  );
}

export function OnboardingScreen() {
  const t = useT();
  // Bumped after a track is saved: the team view loads again and shows it.
  const [saves, setSaves] = useState(0);
  const resource = useResource(fetchOnboarding, `onboarding-${saves}`);
  return (
    <div class="analytics">
      <p class="no-print">
        <Link to="/analytics">{t('analytics.back')}</Link>
      </p>
      <h1>{t('analytics.onboarding.title')}</h1>
      <p class="muted">{t('analytics.onboarding.rule')}</p>
      <ResourceStatus resource={resource} />
      {resource.status === 'ready' && <TrackAssignment team={resource.data} onSaved={() => setSaves((n) => n + 1)} />}
      {resource.status === 'ready' &&
        (resource.data.people.length === 0 ? (
          <p>{t('analytics.onboarding.none')}</p>
        ) : (
          resource.data.people.map((p) => <PersonSection key={p.id} person={p} />)
        ))}
    </div>
  );
}
