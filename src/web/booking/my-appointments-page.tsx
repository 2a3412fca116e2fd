// "/timer" (Mine timer): the patient's and their children's appointments, coming ones first, each saying whom it concerns.
import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState } from 'react';
import { RequireSession } from '../identity/require-session.tsx';
import { AppLink } from '../platform/app-link.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { Section } from '../platform/section.tsx';
import { useT } from '../i18n/index.tsx';
import { AppointmentCard } from './appointment-card.tsx';
import { useMyAppointments } from './booking-api.ts';
import type { Appointment } from './types.ts';
import './booking.css';
import { useQueryClient } from '@tanstack/react-query';
import { usePaymentReturn } from '../money/payment-return.ts';
import { APPOINTMENT_PAYMENTS } from '../money/money-api.ts';

export function MyAppointmentsPage() {
  const t = useT();
  return (
    <Page title={t('appointments.title')}>
      <RequireSession kind="patient">{() => <MyAppointments />}</RequireSession>
    </Page>
  );
}

function MyAppointments() {
  const t = useT();
  const appointments = useMyAppointments();
  const client = useQueryClient();
  // Back from paying a visit by card: confirmed once, then its payment is read again.
  const payment = usePaymentReturn(() => client.invalidateQueries({ queryKey: APPOINTMENT_PAYMENTS }));
  const [notice, setNotice] = useState<{ text: string; at: number } | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // A changed appointment may move to the other list: focus goes to the message rather than to nowhere.
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  return (
    <>
      <Paragraph>
        <AppLink to="/timebestilling">{t('nav.booking')}</AppLink>
      </Paragraph>
      <div aria-live="polite" className="nl-form__status">
        {payment.checking && <Paragraph>{t('money.card.checking')}</Paragraph>}
        {notice && (
          <Alert data-color="success" ref={noticeRef} tabIndex={-1}>
            <Paragraph>{notice.text}</Paragraph>
          </Alert>
        )}
      </div>
      <QueryState query={appointments} loginKind="patient">
        {(list) => <Lists appointments={list} onDone={(text) => setNotice({ text, at: Date.now() })} />}
      </QueryState>
    </>
  );
}

function Lists({ appointments, onDone }: { appointments: Appointment[]; onDone: (message: string) => void }) {
  const t = useT();
  const ahead = appointments.filter((a) => a.status === 'booked' && a.upcoming).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const other = appointments.filter((a) => !(a.status === 'booked' && a.upcoming)).sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
  return (
    <>
      <Section title={t('appointments.upcoming')}>
        {ahead.length === 0 ? (
          <Paragraph>{t('appointments.noneUpcoming')}</Paragraph>
        ) : (
          <ul className="nl-appointments">
            {ahead.map((a) => (
              <AppointmentCard key={a.id} appointment={a} onDone={onDone} />
            ))}
          </ul>
        )}
      </Section>
      <Section title={t('appointments.past')}>
        {other.length === 0 ? (
          <Paragraph>{t('appointments.nonePast')}</Paragraph>
        ) : (
          <ul className="nl-appointments">
            {other.map((a) => (
              <AppointmentCard key={a.id} appointment={a} onDone={onDone} />
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
