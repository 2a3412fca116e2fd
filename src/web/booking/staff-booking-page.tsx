// "/ansatt/bestill": reception books for a patient of the clinic: patient, clinician, visit type, a free time, then the form.
import { Field, Label, Paragraph, Select } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { displayName } from '../identity/display-name.ts';
import { AppLink } from '../platform/app-link.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { StaffPage } from '../staff/staff-page.tsx';
import type { PatientListItem, StaffHome } from '../staff/types.ts';
import { useT } from '../i18n/index.tsx';
import { useClinics, usePractitioners } from './booking-api.ts';
import { practitionerNames } from './names.ts';
import { BookingSteps, useTimeChoice } from './time-choice.tsx';
import type { BookingClinic } from './types.ts';
import './booking.css';

export function StaffBookingPage() {
  const t = useT();
  const clinics = useClinics();
  return (
    <StaffPage title={t('staffBooking.title')}>
      {(home) => (
        <QueryState query={clinics} loginKind="staff">
          {(list) => {
            const clinic = list.find((c) => c.id === home.clinic.id);
            return clinic ? <StaffBooking home={home} clinic={clinic} /> : <Paragraph>{t('booking.noClinics')}</Paragraph>;
          }}
        </QueryState>
      )}
    </StaffPage>
  );
}

function StaffBooking({ home, clinic }: { home: StaffHome; clinic: BookingClinic }) {
  const t = useT();
  const practitioners = usePractitioners(clinic.id);
  const [patientId, setPatientId] = useState('');
  const state = useTimeChoice('first');
  const list = practitioners.data ?? [];
  const nameOf = practitionerNames(list, t);
  const practitionerId = state.choice === 'first' ? undefined : state.choice;
  const patient = home.patients.find((p) => p.id === patientId);

  return (
    <BookingSteps
      state={state}
      audience="staff"
      clinic={clinic}
      patient={patient && { id: patient.id, name: displayName(patient.name, t) }}
      practitionerId={practitionerId}
      practitionerName={nameOf}
      intro={
        <Paragraph>
          <AppLink to="/ansatt/dagsliste">{t('dayList.link')}</AppLink>
        </Paragraph>
      }
      choose={{
        fields: <PatientSelect patients={home.patients} value={patientId} onChange={setPatientId} />,
        clinician: { practitioners: list },
        notReady: patient ? undefined : <Paragraph>{t('staffBooking.choosePatientFirst')}</Paragraph>,
      }}
    />
  );
}

function PatientSelect({ patients, value, onChange }: { patients: PatientListItem[]; value: string; onChange: (id: string) => void }) {
  const t = useT();
  const id = useId();
  return (
    <Field>
      <Label htmlFor={id}>{t('staffBooking.patient')}</Label>
      <Select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <Select.Option value="">{t('staffBooking.choosePatient')}</Select.Option>
        {patients.map((p) => (
          <Select.Option key={p.id} value={p.id}>
            {`${displayName(p.name, t)} (${p.maskedNationalId})`}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}
