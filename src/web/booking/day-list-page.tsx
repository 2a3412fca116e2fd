// "/ansatt/dagsliste": the clinic's appointments of one day, per clinician; reception can cancel ("Avlys") or move ("Flytt") them.
import { Button, Card, Field, Heading, Label, Paragraph, Select, Tag, Textfield } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { displayName } from '../identity/display-name.ts';
import { AppLink } from '../platform/app-link.tsx';
import { Facts } from '../platform/facts.tsx';
import { Notice, useNotice } from '../platform/notice.tsx';
import { QueryList } from '../platform/query-list.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { Section } from '../platform/section.tsx';
import { StaffPage } from '../staff/staff-page.tsx';
import type { StaffHome } from '../staff/types.ts';
import { useT } from '../i18n/index.tsx';
import { useAppointmentFacts } from './appointment-facts.tsx';
import { useClinics, useDayList, usePractitioners } from './booking-api.ts';
import { CancelPanel } from './cancel-panel.tsx';
import { useClinicTime } from './clinic-time.ts';
import { practitionerLabel } from './names.ts';
import { ReschedulePanel } from './reschedule-panel.tsx';
import { StatusTag } from './status-tag.tsx';
import { DeskPayment } from '../money/desk-payment.tsx';
import { IssueInvoice } from '../money/issue-invoice.tsx';
import { CareCategoryEditor } from '../money/care-category-editor.tsx';
import { usePaidAtClinic } from '../money/money-api.ts';
import type { Appointment } from './types.ts';
import { dateInZone } from './zoned-time.ts';
import { useWaitingRooms, WaitingSummary, WaitingTag, type WaitingRoom } from '../video/waiting-rooms.tsx';
import { LiveNotice } from '../platform/live-notice.tsx';
import './booking.css';

const FALLBACK_ZONE = 'Europe/Oslo';

export function DayListPage() {
  const t = useT();
  return <StaffPage title={t('dayList.title')}>{(home) => <DayListWithClinic home={home} />}</StaffPage>;
}

function DayListWithClinic({ home }: { home: StaffHome }) {
  const clinics = useClinics();
  return (
    <QueryState query={clinics} loginKind="staff">
      {(list) => <DayList home={home} timeZone={list.find((c) => c.id === home.clinic.id)?.timeZone ?? FALLBACK_ZONE} />}
    </QueryState>
  );
}

function DayList({ home, timeZone }: { home: StaffHome; timeZone: string }) {
  const t = useT();
  const time = useClinicTime(timeZone);
  const [date, setDate] = useState(() => dateInZone(new Date(), timeZone));
  const [practitionerId, setPractitionerId] = useState('');
  const practitioners = usePractitioners(home.clinic.id);
  const day = useDayList(date, practitionerId, true);
  const selectId = useId();
  const notice = useNotice();
  const mayChange = home.roles.includes('reception') || home.roles.includes('clinic_admin');
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const isClinician = home.roles.includes('clinician');
  const { rooms: waiting, live: waitingLive } = useWaitingRooms(isClinician);
  // Co-payments are paid at the desk at a public clinic (a private clinic's price is no co-payment).
  const desk = home.clinic.kind === 'public_gp';
  const paid = usePaidAtClinic(date, desk && validDate);
  const paidOre = new Map((paid.data?.paid ?? []).map((p) => [p.appointmentId, p.amountOre]));

  return (
    <>
      <Paragraph>
        <AppLink to="/ansatt/bestill">{t('staffBooking.link')}</AppLink>
      </Paragraph>
      <div className="nl-filters">
        <Textfield type="date" label={t('dayList.date')} value={date} onChange={(event) => setDate(event.target.value)} />
        <Field>
          <Label htmlFor={selectId}>{t('booking.clinician')}</Label>
          <Select id={selectId} value={practitionerId} onChange={(event) => setPractitionerId(event.target.value)}>
            <Select.Option value="">{t('dayList.allClinicians')}</Select.Option>
            {(practitioners.data ?? []).map((p) => (
              <Select.Option key={p.id} value={p.id}>
                {practitionerLabel(p, t)}
              </Select.Option>
            ))}
          </Select>
        </Field>
      </div>
      <Notice notice={notice} />
      {isClinician && <LiveNotice status={waitingLive} />}
      {isClinician && <WaitingSummary rooms={waiting} />}
      <Section title={validDate ? t('dayList.heading', { day: time.day(date, true) }) : t('dayList.title')}>
        {!validDate ? (
          <Paragraph>{t('dayList.chooseDate')}</Paragraph>
        ) : (
          <QueryList query={day} loginKind="staff" empty={t('dayList.empty')}>
            {(a) => (
              <DayListItem
                key={a.id}
                appointment={a}
                mayChange={mayChange}
                mayHoldVideo={isClinician}
                mine={a.practitionerId === home.practitionerId}
                waiting={waiting.get(a.id)}
                desk={desk && !paid.isPending ? { paidOre: paidOre.get(a.id) } : null}
                invoicing={home.clinic.kind === 'hospital_outpatient' && mayChange}
                onDone={notice.show}
              />
            )}
          </QueryList>
        )}
      </Section>
    </>
  );
}

type Mode = 'idle' | 'move' | 'cancel';

interface DayListItemProps {
  appointment: Appointment;
  mayChange: boolean;
  mayHoldVideo: boolean;
  mine: boolean;
  waiting: WaitingRoom | undefined;
  /** The desk's co-payment record for the visit (public clinics), once known. */
  desk: { paidOre: number | undefined } | null;
  /** A hospital outpatient clinic invoices afterwards: reception sends the invoice from here. */
  invoicing: boolean;
  onDone: (message: string) => void;
}

function DayListItem({ appointment, mayChange, mayHoldVideo, mine, waiting, desk, invoicing, onDone }: DayListItemProps) {
  const t = useT();
  const time = useClinicTime(appointment.timeZone);
  const factsOf = useAppointmentFacts(appointment.timeZone);
  const headingId = useId();
  const [mode, setMode] = useState<Mode>('idle');
  const active = mayChange && appointment.status === 'booked' && appointment.upcoming;

  function finish(message: string) {
    setMode('idle');
    onDone(message);
  }

  return (
    <li>
      <Card data-color="neutral" className="nl-appointment">
        <Heading level={3} data-size="xs" id={headingId}>
          <time dateTime={appointment.start}>
            {time.time(appointment.start)}–{time.time(appointment.end)}
          </time>{' '}
          {displayName(appointment.patientName, t)}
        </Heading>
        <span className="nl-tags">
          <StatusTag status={appointment.status} />
          <WaitingTag room={waiting} />
          {appointment.videoDeclined && <Tag data-color="warning">{t('dayList.videoDeclined')}</Tag>}
          {appointment.interpreterLanguage && <Tag data-color="info">{t('dayList.interpreter', { language: appointment.interpreterLanguage })}</Tag>}
          {appointment.careCategory && <Tag data-color="info">{t(`money.care.${appointment.careCategory}`)}</Tag>}
        </span>
        <Facts items={factsOf(appointment, { time: false, reason: true })} />
        {mine && !appointment.upcoming && (appointment.status === 'booked' || appointment.status === 'completed') && (
          <Paragraph>
            <AppLink to={`/ansatt/timer/${appointment.id}/journal`}>{t('journal.note.title')}</AppLink>
          </Paragraph>
        )}
        {mayHoldVideo && appointment.visitType === 'video' && appointment.status === 'booked' && (
          <Paragraph>
            <AppLink to={`/ansatt/video/${appointment.id}`}>{t('video.dayList.start')}</AppLink>
          </Paragraph>
        )}
        {(desk || invoicing) && (appointment.status === 'booked' || appointment.status === 'completed') && (
          <CareCategoryEditor appointmentId={appointment.id} current={appointment.careCategory} describedBy={headingId} />
        )}
        {desk && (appointment.status === 'booked' || appointment.status === 'completed') && <DeskPayment appointmentId={appointment.id} describedBy={headingId} paidOre={desk.paidOre} />}
        {invoicing && (appointment.status === 'booked' || appointment.status === 'completed') && <IssueInvoice appointmentId={appointment.id} describedBy={headingId} />}
        {active && mode === 'idle' && (
          <div className="nl-actions">
            <Button variant="secondary" aria-describedby={headingId} onClick={() => setMode('move')}>
              {t('dayList.move')}
            </Button>
            <Button variant="secondary" data-color="danger" aria-describedby={headingId} onClick={() => setMode('cancel')}>
              {t('booking.cancel.staff')}
            </Button>
          </div>
        )}
        {mode === 'move' && <ReschedulePanel appointment={appointment} level={4} loginKind="staff" onDone={finish} onClose={() => setMode('idle')} />}
        {mode === 'cancel' && <CancelPanel appointment={appointment} audience="staff" onDone={finish} onClose={() => setMode('idle')} />}
      </Card>
    </li>
  );
}
