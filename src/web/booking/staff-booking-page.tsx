// "/ansatt/bestill": reception books for a patient of the clinic: patient, clinician, visit type, a free time, then the form.
import { Field, Label, Paragraph, Select } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { displayName } from '../identity/display-name.ts';
import { RequireSession } from '../identity/require-session.tsx';
import { AppLink } from '../platform/app-link.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useStaffHome } from '../staff/staff-api.ts';
import type { PatientListItem, StaffHome } from '../staff/types.ts';
import { useIsStaff } from '../staff/use-is-staff.ts';
import { useT } from '../i18n/index.tsx';
import { BookingConfirmation } from './booking-confirmation.tsx';
import { BookingForm } from './booking-form.tsx';
import { useClinics, usePractitioners } from './booking-api.ts';
import { useClinicTime } from './clinic-time.ts';
import { ClinicianSelect, type ClinicianChoice } from './clinician-select.tsx';
import { practitionerNames } from './names.ts';
import { SlotPicker } from './slot-picker.tsx';
import type { Appointment, BookingClinic, Slot, VisitType } from './types.ts';
import { VisitTypeChoice } from './visit-type-choice.tsx';
import './booking.css';

export function StaffBookingPage() {
  const t = useT();
  const home = useStaffHome(useIsStaff());
  const clinics = useClinics();
  return (
    <Page title={t('staffBooking.title')}>
      <RequireSession kind="staff">
        {() => (
          <QueryState query={home} loginKind="staff">
            {(data) => (
              <QueryState query={clinics} loginKind="staff">
                {(list) => {
                  const clinic = list.find((c) => c.id === data.clinic.id);
                  return clinic ? <StaffBooking home={data} clinic={clinic} /> : <Paragraph>{t('booking.noClinics')}</Paragraph>;
                }}
              </QueryState>
            )}
          </QueryState>
        )}
      </RequireSession>
    </Page>
  );
}

function StaffBooking({ home, clinic }: { home: StaffHome; clinic: BookingClinic }) {
  const t = useT();
  const time = useClinicTime(clinic.timeZone);
  const practitioners = usePractitioners(clinic.id);
  const [patientId, setPatientId] = useState('');
  const [choice, setChoice] = useState<ClinicianChoice>('first');
  const [visitType, setVisitType] = useState<VisitType>('clinic');
  const [week, setWeek] = useState(0);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [booked, setBooked] = useState<Appointment | null>(null);
  const [back, setBack] = useState(false);
  const list = practitioners.data ?? [];
  const nameOf = practitionerNames(list, t);
  const practitionerId = choice === 'first' ? undefined : choice;
  const patient = home.patients.find((p) => p.id === patientId);

  if (booked) {
    return (
      <BookingConfirmation
        appointment={booked}
        audience="staff"
        address={clinic.address}
        onBookAnother={() => {
          setBooked(null);
          setSlot(null);
          setBack(true);
        }}
      />
    );
  }

  if (slot && patient) {
    return (
      <BookingForm
        slot={slot}
        facts={[
          [t('booking.fact.time'), time.capitalise(time.dayAndTime(slot.start, true))],
          [t('booking.fact.clinician'), nameOf(slot.practitionerId)],
          [t('booking.fact.visitType'), t(`booking.visitType.${slot.visitType}`)],
          [t('booking.fact.patient'), displayName(patient.name, t)],
        ]}
        patientId={patient.id}
        audience="staff"
        clinicId={clinic.id}
        timeZone={clinic.timeZone}
        practitionerId={practitionerId}
        practitionerName={nameOf}
        onBooked={setBooked}
        onPick={setSlot}
        onChangeTime={() => {
          setSlot(null);
          setBack(true);
        }}
      />
    );
  }

  return (
    <>
      <Paragraph>
        <AppLink to="/ansatt/dagsliste">{t('dayList.link')}</AppLink>
      </Paragraph>
      <div className="nl-form">
        <PatientSelect patients={home.patients} value={patientId} onChange={setPatientId} />
        <ClinicianSelect value={choice} onChange={setChoice} practitioners={list} />
        <VisitTypeChoice value={visitType} onChange={setVisitType} />
      </div>
      {patient ? (
        <SlotPicker
          clinicId={clinic.id}
          timeZone={clinic.timeZone}
          visitType={visitType}
          practitionerId={practitionerId}
          practitionerName={nameOf}
          week={week}
          onWeekChange={setWeek}
          onPick={setSlot}
          title={t('booking.freeTimes')}
          level={2}
          focusTitle={back}
          loginKind="staff"
        />
      ) : (
        <Paragraph>{t('staffBooking.choosePatientFirst')}</Paragraph>
      )}
    </>
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
