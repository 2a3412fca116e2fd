// The patient's place in the queue, kept live over the WebSocket: number in line, estimated wait, leave, and "it is your turn".
import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef } from 'react';
import { useClinicTime } from '../booking/clinic-time.ts';
import type { BookingClinic } from '../booking/types.ts';
import { AppLink } from '../platform/app-link.tsx';
import { Facts, type Fact } from '../platform/facts.tsx';
import { LiveNotice } from '../platform/live-notice.tsx';
import { problemText } from '../platform/problem-message.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useT, type Translate } from '../i18n/index.tsx';
import { useLeaveQueue, useLivePlace, type PlaceRef } from './dropin-api.ts';
import type { Place } from './types.ts';

export interface PlacePanelProps {
  placeRef: PlaceRef;
  clinic: BookingClinic;
  patientName: string;
  onStartOver: () => void;
}

export function PlacePanel({ placeRef, clinic, patientName, onStartOver }: PlacePanelProps) {
  const { place, live } = useLivePlace(placeRef);
  return (
    <>
      <LiveNotice status={live} />
      <QueryState query={place} loginKind="patient">
        {(data) => <PlaceView place={data} placeRef={placeRef} clinic={clinic} patientName={patientName} onStartOver={onStartOver} />}
      </QueryState>
    </>
  );
}

/** The one sentence that changes when the place does; the live region holds only it, so a new estimate alone is not read out. */
export function placeSentence(place: Place, t: Translate): string {
  switch (place.status) {
    case 'waiting':
      return t('dropin.position', { position: place.position ?? '–' });
    case 'taken':
      return t('dropin.turn', { name: place.clinicianName ?? t('dropin.aClinician') });
    case 'left':
      return t('dropin.left');
    case 'none':
      return t('dropin.notInQueue');
  }
}

function PlaceView({ place, placeRef, clinic, patientName, onStartOver }: { place: Place } & PlacePanelProps) {
  const t = useT();
  const time = useClinicTime(clinic.timeZone);
  const leave = useLeaveQueue();
  const sentence = useRef<HTMLHeadingElement>(null);
  const sentenceId = useId();
  const waiting = place.status === 'waiting';

  useEffect(() => {
    // The button is gone once the place is left; the news takes the focus so the keyboard user hears it and stays here.
    if (leave.isSuccess) sentence.current?.focus();
  }, [leave.isSuccess]);

  const facts: Fact[] = [
    [t('booking.fact.clinic'), clinic.name],
    [t('booking.fact.patient'), patientName],
  ];
  if (place.visitType) facts.push([t('booking.fact.visitType'), t(`booking.visitType.${place.visitType}`)]);
  if (waiting && place.joinedAt) facts.push([t('dropin.fact.joinedAt'), <time dateTime={place.joinedAt}>{time.time(place.joinedAt)}</time>]);

  return (
    <section className="nl-section nl-dropin-place" aria-labelledby={sentenceId}>
      <div aria-live="polite" aria-atomic="true">
        <Heading level={2} data-size="md" id={sentenceId} ref={sentence} tabIndex={-1}>
          {placeSentence(place, t)}
        </Heading>
      </div>
      {waiting && place.estimatedWaitMinutes !== null && (
        <Paragraph data-size="lg">{t('dropin.estimate', { minutes: place.estimatedWaitMinutes })}</Paragraph>
      )}
      {place.status === 'taken' && place.visitType && <Paragraph data-size="lg">{t(place.visitType === 'video' ? 'dropin.turn.video' : 'dropin.turn.phone')}</Paragraph>}
      <Facts items={facts} />
      {waiting && (
        <>
          <Paragraph>{t('dropin.keepOpen')}</Paragraph>
          <div>
            <Button variant="secondary" data-color="danger" loading={leave.isPending} onClick={() => !leave.isPending && leave.mutate(placeRef)}>
              {t('dropin.leave')}
            </Button>
          </div>
          {leave.isError && (
            <Paragraph role="alert" className="nl-error-text">
              {problemText(leave.error, t)}
            </Paragraph>
          )}
        </>
      )}
      {(place.status === 'left' || place.status === 'none') && (
        <div>
          <Button variant="secondary" onClick={onStartOver}>
            {t('dropin.joinAgain')}
          </Button>
        </div>
      )}
      {place.status === 'taken' && (
        <Paragraph>
          <AppLink to="/timer">{t('nav.appointments')}</AppLink>
        </Paragraph>
      )}
    </section>
  );
}
