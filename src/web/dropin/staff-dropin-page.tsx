// "/ansatt/drop-in": the clinic's drop-in waiting list, live; a clinician takes the next patient, who is then told it is their turn.
import { Alert, Button, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState } from 'react';
import { useClinicTimeZone } from '../booking/clinics-query.ts';
import { useClinicTime } from '../booking/clinic-time.ts';
import { displayName } from '../identity/display-name.ts';
import { Facts } from '../platform/facts.tsx';
import { LiveNotice } from '../platform/live-notice.tsx';
import { problemText } from '../platform/problem-message.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { Section } from '../platform/section.tsx';
import { StaffPage } from '../staff/staff-page.tsx';
import type { StaffHome } from '../staff/types.ts';
import { useT } from '../i18n/index.tsx';
import { useLiveStaffQueue, useTakeNext } from './dropin-api.ts';
import type { StaffQueue, TakenPatient } from './types.ts';
import './dropin.css';

const MINUTE_MS = 60_000;

export function StaffDropinPage() {
  const t = useT();
  return <StaffPage title={t('staffDropin.title')}>{(home) => <StaffDropin home={home} />}</StaffPage>;
}

function StaffDropin({ home }: { home: StaffHome }) {
  const t = useT();
  const { queue, live } = useLiveStaffQueue(true);
  const timeZone = useClinicTimeZone(home.clinic.id);
  return (
    <>
      <Paragraph>{t('staffDropin.intro', { clinic: home.clinic.name })}</Paragraph>
      <LiveNotice status={live} />
      {home.roles.includes('clinician') && <TakeNext timeZone={timeZone} />}
      <QueryState query={queue} loginKind="staff">
        {(data) => <WaitingList queue={data} timeZone={timeZone} />}
      </QueryState>
    </>
  );
}

function TakeNext({ timeZone }: { timeZone: string }) {
  const t = useT();
  const take = useTakeNext();
  const result = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Whoever pressed the button hears at once whom they took, or why nobody.
    if (take.isSuccess || take.isError) result.current?.focus();
  }, [take.isSuccess, take.isError, take.submittedAt]);

  return (
    <div className="nl-section">
      <div>
        <Button loading={take.isPending} onClick={() => !take.isPending && take.mutate()}>
          {t('staffDropin.take')}
        </Button>
      </div>
      <div aria-live="polite" className="nl-form__status" ref={result} tabIndex={-1}>
        {take.isSuccess && <Taken taken={take.data} timeZone={timeZone} />}
        {take.isError && (
          <Alert data-color="warning">
            <Paragraph>{problemText(take.error, t)}</Paragraph>
          </Alert>
        )}
      </div>
    </div>
  );
}

function Taken({ taken, timeZone }: { taken: TakenPatient; timeZone: string }) {
  const t = useT();
  const time = useClinicTime(timeZone);
  const name = displayName(taken.patientName, t);
  return (
    <Alert data-color="success" className="nl-section">
      <Heading level={2} data-size="xs">
        {t('staffDropin.taken', { name })}
      </Heading>
      <Facts
        items={[
          [t('booking.fact.visitType'), t(`booking.visitType.${taken.visitType}`)],
          [t('staffDropin.startedAt'), <time dateTime={taken.appointment.startsAt}>{time.time(taken.appointment.startsAt)}</time>],
          [t('staffDropin.waited'), t('staffDropin.minutes', { minutes: minutesBetween(taken.joinedAt, taken.takenAt) })],
        ]}
      />
      <Paragraph>{t(taken.visitType === 'video' ? 'staffDropin.taken.video' : 'staffDropin.taken.phone')}</Paragraph>
    </Alert>
  );
}

function WaitingList({ queue, timeZone }: { queue: StaffQueue; timeZone: string }) {
  const t = useT();
  const time = useClinicTime(timeZone);
  const now = useNow(30_000);
  const count = queue.waiting.length;
  return (
    <Section title={t('staffDropin.waiting')}>
      {/* The count is what changes for a listener; the list itself is not read out on every change. */}
      <Paragraph aria-live="polite">{count === 0 ? t('staffDropin.empty') : t(count === 1 ? 'staffDropin.count.one' : 'staffDropin.count.other', { count })}</Paragraph>
      {count > 0 && (
        <ol className="nl-dropin-queue">
          {queue.waiting.map((w) => (
            <li key={w.entryId}>
              <span className="nl-dropin-queue__name">
                {w.position}. {displayName(w.patientName, t)}
              </span>
              <Tag data-color="info" data-size="sm">
                {t(`booking.visitType.${w.visitType}`)}
              </Tag>
              <span className="nl-muted">
                {t('staffDropin.since', { time: time.time(w.joinedAt) })} · {t('staffDropin.minutes', { minutes: minutesBetween(w.joinedAt, now) })}
              </span>
            </li>
          ))}
        </ol>
      )}
      <Facts
        items={[
          [t('staffDropin.average'), t('staffDropin.minutes', { minutes: queue.averageConsultationMinutes })],
          [t('staffDropin.onDuty'), String(queue.cliniciansOnDuty)],
        ]}
      />
    </Section>
  );
}

/** Whole minutes from one instant to another (or to now), never below zero. */
function minutesBetween(from: string, to: string | number): number {
  const end = typeof to === 'number' ? to : Date.parse(to);
  return Math.max(0, Math.floor((end - Date.parse(from)) / MINUTE_MS));
}

/** The current time, renewed every `ms`, so waited minutes count up between the server's updates. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
