// "/ansatt/timeplan": a clinician's weekly hours and absences; clinic admins edit anyone's, clinicians their own, reception reads.
import { Field, Label, Paragraph, Select } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { practitionerLabel } from '../booking/names.ts';
import { RequireSession } from '../identity/require-session.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { Section } from '../platform/section.tsx';
import { useStaffHome } from '../staff/staff-api.ts';
import type { StaffHome } from '../staff/types.ts';
import { useIsStaff } from '../staff/use-is-staff.ts';
import { useT } from '../i18n/index.tsx';
import { ExceptionForm } from './exception-form.tsx';
import { ExceptionList } from './exception-list.tsx';
import { RulesForm } from './rules-form.tsx';
import { RulesView } from './rules-view.tsx';
import { useSchedule } from './schedule-api.ts';
import type { ClinicianSchedule, Schedule } from './types.ts';
import '../booking/booking.css';
import './schedule.css';

export function SchedulePage() {
  const t = useT();
  const isStaff = useIsStaff();
  const home = useStaffHome(isStaff);
  const schedule = useSchedule(isStaff);
  return (
    <Page title={t('schedule.title')}>
      <RequireSession kind="staff">
        {() => (
          <QueryState query={home} loginKind="staff">
            {(homeData) => (
              <QueryState query={schedule} loginKind="staff">
                {(data) => <Schedules home={homeData} schedule={data} />}
              </QueryState>
            )}
          </QueryState>
        )}
      </RequireSession>
    </Page>
  );
}

/**
 * Whose schedules this person works with. The schedule API does not say which clinician is the logged-in person, so a
 * clinician's own is found by name; the server decides every change anyway (403 "not your schedule").
 */
function visibleClinicians(home: StaffHome, clinicians: ClinicianSchedule[]): { list: ClinicianSchedule[]; own: ClinicianSchedule | undefined } {
  const own = clinicians.find((c) => c.name !== null && c.name === home.person.name);
  const admin = home.roles.includes('clinic_admin');
  if (!admin && home.roles.includes('clinician') && own && !home.roles.includes('reception')) return { list: [own], own };
  return { list: clinicians, own };
}

function Schedules({ home, schedule }: { home: StaffHome; schedule: Schedule }) {
  const t = useT();
  const { list, own } = visibleClinicians(home, schedule.clinicians);
  const [chosenId, setChosenId] = useState(own?.id ?? list[0]?.id ?? '');
  const selectId = useId();
  const clinician = list.find((c) => c.id === chosenId) ?? list[0];
  if (!clinician) return <Paragraph>{t('schedule.noClinicians')}</Paragraph>;

  const admin = home.roles.includes('clinic_admin');
  const editable = admin || (home.roles.includes('clinician') && clinician.id === own?.id);

  return (
    <>
      <Paragraph>{t(editable ? 'schedule.intro' : 'schedule.readOnly', { zone: schedule.timeZone })}</Paragraph>
      {list.length > 1 && (
        <Field className="nl-schedule-who">
          <Label htmlFor={selectId}>{t('booking.clinician')}</Label>
          <Select id={selectId} value={clinician.id} onChange={(event) => setChosenId(event.target.value)}>
            {list.map((c) => (
              <Select.Option key={c.id} value={c.id}>
                {practitionerLabel(c, t)}
              </Select.Option>
            ))}
          </Select>
        </Field>
      )}
      {list.length === 1 && <Paragraph>{practitionerLabel(clinician, t)}</Paragraph>}
      <Section title={t('schedule.weekly')}>
        {editable ? <RulesForm key={clinician.id} clinician={clinician} timeZone={schedule.timeZone} /> : <RulesView rules={clinician.rules} />}
      </Section>
      <Section title={t('schedule.exceptions')}>
        <ExceptionList key={`list-${clinician.id}`} exceptions={clinician.exceptions} timeZone={schedule.timeZone} editable={editable} />
        {editable && <ExceptionForm key={`form-${clinician.id}`} clinician={clinician} timeZone={schedule.timeZone} />}
      </Section>
    </>
  );
}
