// "/ansatt/vaksine": the clinic's vaccine times for a day (who, when, which group), each marked given when the vaccine
// is given; and, for the clinic admin, a new campaign.
import { Button, Paragraph, Table, Tag, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useT } from '../i18n/index.tsx';
import { displayName } from '../identity/display-name.ts';
import { FormStatus } from '../platform/form-status.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { Section } from '../platform/section.tsx';
import { StaffPage } from '../staff/staff-page.tsx';
import { useClinicTime } from '../booking/clinic-time.ts';
import { useClinicTimeZone } from '../booking/clinics-query.ts';
import { localDate } from '../../shared/time.ts';
import { CampaignForm } from './campaign-form.tsx';
import { useMarkGiven, useVaccinationDay, type VaccinationBooking } from './vaccination-api.ts';
import './vaccination.css';

export function StaffVaccinationPage() {
  const t = useT();
  return (
    <StaffPage title={t('vaccination.staff.title')}>
      {(home) => (
        <>
          <DayListOf clinicId={home.clinic.id} />
          {home.roles.includes('clinic_admin') && <CampaignForm />}
        </>
      )}
    </StaffPage>
  );
}

function DayListOf({ clinicId }: { clinicId: string }) {
  return <DayList timeZone={useClinicTimeZone(clinicId)} />;
}

function DayList({ timeZone }: { timeZone: string }) {
  const t = useT();
  const [date, setDate] = useState(localDate(new Date(), timeZone));
  const day = useVaccinationDay(date);
  return (
    <Section title={t('vaccination.staff.day')}>
      <Textfield type="date" label={t('vaccination.staff.date')} value={date} onChange={(e) => setDate(e.target.value)} />
      <QueryState query={day} loginKind="staff">
        {(list) =>
          list.length === 0 ? (
            <Paragraph>{t('vaccination.staff.none')}</Paragraph>
          ) : (
            <Table className="nl-table" data-size="sm">
              <caption>{t('vaccination.staff.caption', { count: list.length })}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('vaccination.staff.time')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('vaccination.staff.patient')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('vaccination.staff.group')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('vaccination.staff.status')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {list.map((b) => (
                  <Row key={b.id} booking={b} timeZone={timeZone} />
                ))}
              </Table.Body>
            </Table>
          )
        }
      </QueryState>
    </Section>
  );
}

function Row({ booking, timeZone }: { booking: VaccinationBooking; timeZone: string }) {
  const t = useT();
  const time = useClinicTime(timeZone);
  const given = useMarkGiven();
  const name = displayName(booking.patientName, t);
  return (
    <Table.Row>
      <Table.Cell>{time.time(booking.start)}</Table.Cell>
      <Table.Cell>{name}</Table.Cell>
      <Table.Cell>{t(`vaccination.group.${booking.targetGroup}`)}</Table.Cell>
      <Table.Cell>
        {booking.status === 'given' ? (
          <Tag data-color="success">{t('vaccination.staff.given')}</Tag>
        ) : (
          <>
            <Button data-size="sm" variant="secondary" loading={given.isPending} aria-label={t('vaccination.staff.markNamed', { name })} onClick={() => given.mutate(booking.id)}>
              {t('vaccination.staff.mark')}
            </Button>
            <FormStatus error={given.isError ? given.error : null} />
          </>
        )}
      </Table.Cell>
    </Table.Row>
  );
}
