// "/timebestilling": a patient books for themself or a child: whom, clinic, clinician and visit type, a free time, then the form.
import { Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { displayName } from '../identity/display-name.ts';
import { useMe } from '../identity/me.ts';
import { RequireSession } from '../identity/require-session.tsx';
import type { Me } from '../identity/types.ts';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useT } from '../i18n/index.tsx';
import { useClinics, usePractitioners } from './booking-api.ts';
import { ClinicSelect } from './clinic-select.tsx';
import type { ClinicianChoice } from './clinician-select.tsx';
import { practitionerNames } from './names.ts';
import { PersonChoice, peopleOf } from './person-choice.tsx';
import { BookingSteps, useTimeChoice } from './time-choice.tsx';
import type { BookingClinic } from './types.ts';
import './booking.css';

export function BookingPage() {
  const t = useT();
  return (
    <Page title={t('booking.title')}>
      <RequireSession kind="patient">{() => <PatientBooking />}</RequireSession>
    </Page>
  );
}

function PatientBooking() {
  const me = useMe();
  const clinics = useClinics();
  return (
    <QueryState query={me} loginKind="patient">
      {(meData) => (
        <QueryState query={clinics} loginKind="patient">
          {(list) => <BookingFlow me={meData} clinics={list.filter((c) => c.services.includes('booking'))} />}
        </QueryState>
      )}
    </QueryState>
  );
}

function BookingFlow({ me, clinics }: { me: Me; clinics: BookingClinic[] }) {
  const t = useT();
  const people = peopleOf(me, t);
  const [patientId, setPatientId] = useState(me.actingFor?.id ?? me.person.id);
  const [clinicId, setClinicId] = useState(clinics.find((c) => c.id === me.clinic?.id)?.id ?? clinics[0]?.id ?? '');
  const state = useTimeChoice('gp');
  const practitioners = usePractitioners(clinicId || undefined);
  const clinic = clinics.find((c) => c.id === clinicId);

  if (!clinic) return <Paragraph>{t('booking.noClinics')}</Paragraph>;

  // Only the GP of the person the session is about is known (GET /api/me tells no one else's).
  const gp =
    me.gp?.practitionerId && me.clinic?.id === clinicId && patientId === me.subject.id
      ? { id: me.gp.practitionerId, name: displayName(me.gp.name, t) }
      : null;
  const list = practitioners.data ?? [];
  const choice = state.choice;
  const effective: ClinicianChoice =
    (choice === 'gp' && !gp) || (choice !== 'gp' && choice !== 'first' && !list.some((p) => p.id === choice)) ? 'first' : choice;
  const practitionerId = effective === 'gp' ? gp?.id : effective === 'first' ? undefined : effective;
  const nameOf = practitionerNames(list, t);
  const person = people.find((p) => p.id === patientId) ?? people[0]!;

  return (
    <BookingSteps
      state={state}
      audience="patient"
      clinic={clinic}
      patient={person}
      practitionerId={practitionerId}
      practitionerName={nameOf}
      moreFacts={[[t('booking.fact.clinic'), clinic.name]]}
      choose={{
        fields: (
          <>
            {people.length > 1 && <PersonChoice people={people} value={patientId} selfId={me.person.id} onChange={setPatientId} legend={t('booking.forWhom')} />}
            <ClinicSelect clinics={clinics} value={clinicId} onChange={(id) => setClinicId(id)} />
          </>
        ),
        clinician: { value: effective, gp, gpIsOwn: patientId === me.person.id, person: person.name, practitioners: list },
      }}
    />
  );
}
