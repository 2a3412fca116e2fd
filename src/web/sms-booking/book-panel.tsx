// Booking an SMS request: clinician, visit type and a free time from the week picker, then "Bestill"; the patient gets an SMS.
import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef } from 'react';
import { isProblem } from '../booking/booking-api.ts';
import { useClinicTime } from '../booking/clinic-time.ts';
import { TimeChoice, useSlotFacts, useTimeChoice } from '../booking/time-choice.tsx';
import type { Practitioner, Slot } from '../booking/types.ts';
import { Facts } from '../platform/facts.tsx';
import { problemText } from '../platform/problem-message.tsx';
import { useT } from '../i18n/index.tsx';
import { useBookFromRequest } from './requests-api.ts';
import type { BookingRequest } from './types.ts';

export interface BookPanelProps {
  request: BookingRequest;
  patientName: string;
  clinicId: string;
  timeZone: string;
  practitioners: readonly Practitioner[];
  practitionerName: (id: string) => string;
  onDone: (message: string) => void;
  onClose: () => void;
}

export function BookPanel({ request, patientName, clinicId, timeZone, practitioners, practitionerName, onDone, onClose }: BookPanelProps) {
  const t = useT();
  const time = useClinicTime(timeZone);
  const book = useBookFromRequest();
  const state = useTimeChoice('first');
  const { slot } = state;
  const factsOf = useSlotFacts(timeZone, practitionerName);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const practitionerId = state.choice === 'first' ? undefined : state.choice;

  useEffect(() => headingRef.current?.focus(), [slot]);

  function submit(chosen: Slot) {
    if (book.isPending) return;
    book.mutate(
      { id: request.id, practitionerId: chosen.practitionerId, start: chosen.start, visitType: chosen.visitType },
      {
        onSuccess: () =>
          onDone(t('requests.booked', { name: patientName, time: time.dayAndTime(chosen.start, true), clinician: practitionerName(chosen.practitionerId) })),
        onError: (error) => {
          // The time is gone: back to the (refreshed) free times, with the server's explanation kept on screen.
          if (isProblem(error, 'slot-taken') || isProblem(error, 'not-available')) state.backToTimes();
        },
      },
    );
  }

  const problem = book.isError && (
    <div aria-live="polite" className="nl-form__status">
      <Alert data-color="danger">
        <Paragraph>{problemText(book.error, t)}</Paragraph>
      </Alert>
    </div>
  );

  return (
    <div className="nl-appointment__panel" role="group" aria-labelledby={headingId}>
      <Heading level={3} data-size="2xs" id={headingId} ref={headingRef} tabIndex={-1}>
        {slot ? t('booking.chosenTime') : t('requests.bookFor', { name: patientName })}
      </Heading>
      {slot ? (
        <>
          <Facts items={factsOf(slot, patientName)} />
          <Paragraph data-size="sm">{t('requests.bookNotice')}</Paragraph>
          {problem}
          <div className="nl-actions">
            <Button loading={book.isPending} onClick={() => submit(slot)}>
              {t('booking.submit')}
            </Button>
            <Button variant="secondary" onClick={() => state.setSlot(null)}>
              {t('booking.changeTime')}
            </Button>
          </div>
        </>
      ) : (
        <>
          <TimeChoice
            state={state}
            clinicId={clinicId}
            timeZone={timeZone}
            practitionerId={practitionerId}
            practitionerName={practitionerName}
            clinician={{ practitioners }}
            between={problem}
            onPick={(picked) => {
              book.reset();
              state.setSlot(picked);
            }}
            level={4}
            loginKind="staff"
          />
          <div>
            <Button variant="secondary" onClick={onClose}>
              {t('booking.reschedule.cancel')}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
