// "Timen er bestilt": what was booked, the calendar file, and that a confirmation without health details is on its way.
import { Alert, Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef } from 'react';
import { AppLink } from '../platform/app-link.tsx';
import { Facts, type Fact } from '../platform/facts.tsx';
import { useT } from '../i18n/index.tsx';
import { useAppointmentFacts } from './appointment-facts.tsx';
import { calendarHref } from './booking-api.ts';
import type { Appointment } from './types.ts';
import { CardPayment } from '../money/card-payment.tsx';

export interface BookingConfirmationProps {
  appointment: Appointment;
  audience: 'patient' | 'staff';
  /** Where to come for a visit at the clinic. */
  address: string | null;
  onBookAnother: () => void;
}

export function BookingConfirmation({ appointment, audience, address, onBookAnother }: BookingConfirmationProps) {
  const t = useT();
  const factsOf = useAppointmentFacts(appointment.timeZone);
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();

  useEffect(() => heading.current?.focus(), []);

  const facts: Fact[] = factsOf(appointment);
  if (appointment.visitType === 'clinic' && address) facts.push([t('booking.fact.address'), address]);
  return (
    <Alert data-color="success" className="nl-section">
      <Heading level={2} data-size="sm" ref={heading} tabIndex={-1} id={headingId}>
        {t('booking.confirmed.heading')}
      </Heading>
      <Facts items={facts} />
      <Paragraph>
        <Link href={calendarHref(appointment.id)} download>
          {t('booking.calendar')}
        </Link>
      </Paragraph>
      {audience === 'patient' && <CardPayment appointment={appointment} describedBy={headingId} />}
      <Paragraph>{t(audience === 'patient' ? 'booking.confirmed.notice' : 'booking.confirmed.noticeStaff')}</Paragraph>
      <div className="nl-actions">
        {audience === 'patient' ? (
          <AppLink to="/timer">{t('booking.confirmed.seeAll')}</AppLink>
        ) : (
          <AppLink to="/ansatt/dagsliste">{t('booking.confirmed.dayList')}</AppLink>
        )}
        <Button variant="secondary" data-size="sm" onClick={onBookAnother}>
          {t('booking.confirmed.another')}
        </Button>
      </div>
    </Alert>
  );
}
