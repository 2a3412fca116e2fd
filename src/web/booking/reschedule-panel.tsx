// "Endre tid" / "Flytt": a free time with the same clinician and visit type, then a confirming button; patients and reception alike.
import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState } from 'react';
import { displayName } from '../identity/display-name.ts';
import { useT } from '../i18n/index.tsx';
import { isProblem, useRescheduleAppointment } from './booking-api.ts';
import { useClinicTime } from './clinic-time.ts';
import { SlotPicker } from './slot-picker.tsx';
import type { Appointment, Slot } from './types.ts';
import { FormStatus } from '../platform/form-status.tsx';

export interface ReschedulePanelProps {
  appointment: Appointment;
  level: 3 | 4;
  loginKind: 'patient' | 'staff';
  onDone: (message: string) => void;
  onClose: () => void;
}

export function ReschedulePanel({ appointment, level, loginKind, onDone, onClose }: ReschedulePanelProps) {
  const t = useT();
  const time = useClinicTime(appointment.timeZone);
  const move = useRescheduleAppointment();
  const [week, setWeek] = useState(0);
  const [chosen, setChosen] = useState<Slot | null>(null);
  const chosenRef = useRef<HTMLParagraphElement>(null);
  const clinician = displayName(appointment.practitionerName, t);

  useEffect(() => {
    if (chosen) chosenRef.current?.focus();
  }, [chosen]);

  function confirm(slot: Slot) {
    move.mutate(
      { id: appointment.id, start: slot.start },
      {
        onSuccess: (moved) => onDone(t('booking.moved', { time: time.dayAndTime(moved.start, true) })),
        // The time is gone: back to the (refreshed) free times, with the server's explanation kept on screen.
        onError: (error) => {
          if (isProblem(error, 'slot-taken') || isProblem(error, 'not-available')) setChosen(null);
        },
      },
    );
  }

  return (
    <div className="nl-appointment__panel">
      {chosen ? (
        <>
          <Heading level={level} data-size="2xs">
            {t('booking.reschedule.heading')}
          </Heading>
          <Paragraph ref={chosenRef} tabIndex={-1}>
            {t('booking.reschedule.newTime', {
              time: t('booking.slotLabel', { day: time.day(time.dateOf(chosen.start)), time: time.time(chosen.start), clinician }),
            })}
          </Paragraph>
          <div className="nl-actions">
            <Button loading={move.isPending} onClick={() => !move.isPending && confirm(chosen)}>
              {t('booking.reschedule.confirm')}
            </Button>
            <Button variant="secondary" onClick={() => setChosen(null)}>
              {t('booking.changeTime')}
            </Button>
          </div>
        </>
      ) : (
        <SlotPicker
          clinicId={appointment.clinicId}
          timeZone={appointment.timeZone}
          visitType={appointment.visitType}
          practitionerId={appointment.practitionerId}
          practitionerName={() => clinician}
          week={week}
          onWeekChange={setWeek}
          onPick={(slot) => {
            move.reset();
            setChosen(slot);
          }}
          title={t('booking.reschedule.heading')}
          level={level}
          focusTitle
          loginKind={loginKind}
        />
      )}
      <FormStatus error={move.isError ? move.error : null} />
      <div>
        <Button variant="tertiary" onClick={onClose}>
          {t('booking.reschedule.cancel')}
        </Button>
      </div>
    </div>
  );
}
