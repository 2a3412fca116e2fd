// Booked appointments a schedule change touches: when, whose, what kind; nothing clinical.
import { useClinicTime } from '../booking/clinic-time.ts';
import { displayName } from '../identity/display-name.ts';
import { useT } from '../i18n/index.tsx';
import type { AffectedAppointment } from './types.ts';

export function AffectedList({ affected, timeZone }: { affected: AffectedAppointment[]; timeZone: string }) {
  const t = useT();
  const time = useClinicTime(timeZone);
  return (
    <ul className="nl-affected">
      {affected.map((a) => (
        <li key={a.appointmentId}>
          <time dateTime={a.start}>{time.capitalise(time.dayAndTime(a.start, true))}</time>
          {' – '}
          {displayName(a.patientName, t)} ({t(`booking.visitType.${a.visitType}`)})
        </li>
      ))}
    </ul>
  );
}
