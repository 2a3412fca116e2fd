// One of the patient's appointments: when, for whom, with whom; and while it is ahead: change, cancel, decline video, calendar file.
import { Button, Card, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef, useState } from 'react';
import { AppLink } from '../platform/app-link.tsx';
import { Facts } from '../platform/facts.tsx';
import { problemText } from '../platform/problem-message.tsx';
import { useT } from '../i18n/index.tsx';
import { useAppointmentFacts } from './appointment-facts.tsx';
import { calendarHref, useDeclineVideo } from './booking-api.ts';
import { CancelPanel } from './cancel-panel.tsx';
import { useClinicTime } from './clinic-time.ts';
import { ReschedulePanel } from './reschedule-panel.tsx';
import { StatusTag } from './status-tag.tsx';
import { CardPayment } from '../money/card-payment.tsx';
import type { Appointment } from './types.ts';

export function AppointmentCard({ appointment, onDone }: { appointment: Appointment; onDone: (message: string) => void }) {
  const time = useClinicTime(appointment.timeZone);
  const factsOf = useAppointmentFacts(appointment.timeZone);
  const headingId = useId();
  const active = appointment.status === 'booked' && appointment.upcoming;
  return (
    <li>
      <Card data-color="neutral" className="nl-appointment">
        <Heading level={3} data-size="xs" id={headingId}>
          <time dateTime={appointment.start}>{time.capitalise(time.dayAndTime(appointment.start, true))}</time>
        </Heading>
        <span className="nl-tags">
          <StatusTag status={appointment.status} />
        </span>
        <Facts items={factsOf(appointment, { time: false, reason: true })} />
        <CardPayment appointment={appointment} describedBy={headingId} />
        {appointment.visitType === 'video' && appointment.status === 'booked' && <VideoLinks appointment={appointment} />}
        {active && <Actions appointment={appointment} headingId={headingId} onDone={onDone} />}
      </Card>
    </li>
  );
}

/** The waiting room opens an hour before and the link works until half an hour after the planned end (the server's rule). */
const VIDEO_OPENS_BEFORE_MS = 60 * 60_000;
const VIDEO_CLOSES_AFTER_MS = 30 * 60_000;

function VideoLinks({ appointment }: { appointment: Appointment }) {
  const t = useT();
  const now = Date.now();
  if (now >= Date.parse(appointment.end) + VIDEO_CLOSES_AFTER_MS) return null;
  const open = now >= Date.parse(appointment.start) - VIDEO_OPENS_BEFORE_MS;
  return (
    <div className="nl-actions">
      {open ? (
        <AppLink to={`/video/join?time=${encodeURIComponent(appointment.id)}`}>{t('video.card.join')}</AppLink>
      ) : (
        <Paragraph data-size="sm">{t('video.card.opensAt')}</Paragraph>
      )}
      <AppLink to="/video/test">{t('video.card.test')}</AppLink>
    </div>
  );
}

type Mode = 'idle' | 'reschedule' | 'cancel';

function Actions({ appointment, headingId, onDone }: { appointment: Appointment; headingId: string; onDone: (message: string) => void }) {
  const t = useT();
  const [mode, setMode] = useState<Mode>('idle');
  const changeRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<Mode>('idle');

  useEffect(() => {
    // Closing a panel puts focus back on the button that opened it.
    if (mode === 'idle' && returnTo.current !== 'idle') (returnTo.current === 'cancel' ? cancelRef : changeRef).current?.focus();
  }, [mode]);

  function open(next: Mode) {
    returnTo.current = next;
    setMode(next);
  }

  function finish(message: string) {
    // The page's message takes the focus, not the button.
    returnTo.current = 'idle';
    setMode('idle');
    onDone(message);
  }

  return (
    <>
      {appointment.patientMayChange ? (
        mode === 'idle' && (
          <div className="nl-actions">
            <Button ref={changeRef} variant="secondary" aria-describedby={headingId} onClick={() => open('reschedule')}>
              {t('booking.reschedule.open')}
            </Button>
            <Button ref={cancelRef} variant="secondary" data-color="danger" aria-describedby={headingId} onClick={() => open('cancel')}>
              {t('booking.cancel.patient')}
            </Button>
          </div>
        )
      ) : (
        <Paragraph>
          {t('booking.pastCutoff', { hours: appointment.cancelCutoffHours, phone: appointment.clinicPhone ?? t('booking.clinicPhoneUnknown') })}
        </Paragraph>
      )}
      {mode === 'reschedule' && <ReschedulePanel appointment={appointment} level={4} loginKind="patient" onDone={finish} onClose={() => setMode('idle')} />}
      {mode === 'cancel' && <CancelPanel appointment={appointment} audience="patient" onDone={finish} onClose={() => setMode('idle')} />}
      {appointment.visitType === 'video' && <DeclineVideo appointment={appointment} headingId={headingId} />}
      <Paragraph>
        <Link href={calendarHref(appointment.id)} download aria-describedby={headingId}>
          {t('booking.calendar')}
        </Link>
      </Paragraph>
    </>
  );
}

function DeclineVideo({ appointment, headingId }: { appointment: Appointment; headingId: string }) {
  const t = useT();
  const decline = useDeclineVideo();
  const done = useRef<HTMLParagraphElement>(null);
  const declined = appointment.videoDeclined || decline.isSuccess;

  useEffect(() => {
    // The button is gone; the answer takes the focus, so the keyboard user hears it and stays here.
    if (decline.isSuccess) done.current?.focus();
  }, [decline.isSuccess]);

  return (
    <div aria-live="polite">
      {declined ? (
        <Paragraph ref={done} tabIndex={-1}>
          {t('booking.videoDeclined')}
        </Paragraph>
      ) : (
        <>
          <Button variant="secondary" loading={decline.isPending} aria-describedby={headingId} onClick={() => !decline.isPending && decline.mutate(appointment.id)}>
            {t('booking.declineVideo')}
          </Button>
          {decline.isError && (
            <Paragraph role="alert" className="nl-error-text">
              {problemText(decline.error, t)}
            </Paragraph>
          )}
        </>
      )}
    </div>
  );
}
