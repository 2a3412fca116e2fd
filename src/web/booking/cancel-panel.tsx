// The confirm step before an appointment is cancelled ("Avbestill" for patients, "Avlys" for reception).
import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef } from 'react';
import { useT } from '../i18n/index.tsx';
import { useCancelAppointment } from './booking-api.ts';
import { useClinicTime } from './clinic-time.ts';
import type { Appointment } from './types.ts';
import { FormStatus } from '../platform/form-status.tsx';
import { mutateThen } from '../platform/mutate-then.ts';

export interface CancelPanelProps {
  appointment: Appointment;
  audience: 'patient' | 'staff';
  onDone: (message: string) => void;
  onClose: () => void;
}

export function CancelPanel({ appointment, audience, onDone, onClose }: CancelPanelProps) {
  const t = useT();
  const time = useClinicTime(appointment.timeZone);
  const cancel = useCancelAppointment();
  const question = useRef<HTMLParagraphElement>(null);
  const when = time.dayAndTime(appointment.start, true);

  useEffect(() => question.current?.focus(), []);

  return (
    <div className="nl-appointment__panel" role="group" aria-label={t(audience === 'patient' ? 'booking.cancel.patient' : 'booking.cancel.staff')}>
      <Paragraph ref={question} tabIndex={-1}>
        {t(audience === 'patient' ? 'booking.cancel.question' : 'booking.cancel.questionStaff', { time: when })}
      </Paragraph>
      <div className="nl-actions">
        <Button
          data-color="danger"
          loading={cancel.isPending}
          onClick={() =>
            !cancel.isPending &&
            mutateThen(cancel, appointment.id, () => onDone(t(audience === 'patient' ? 'booking.cancelled' : 'booking.cancelledStaff', { time: when })))
          }
        >
          {t(audience === 'patient' ? 'booking.cancel.yes' : 'booking.cancel.yesStaff')}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {t('booking.cancel.no')}
        </Button>
      </div>
      <FormStatus error={cancel.isError ? cancel.error : null} />
    </div>
  );
}
