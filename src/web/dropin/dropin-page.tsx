// "/drop-in": a patient joins a clinic's drop-in queue for themself or a child, then watches their place live until it is their turn.
import { Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { useMe } from '../identity/me.ts';
import { RequireSession } from '../identity/require-session.tsx';
import type { Me } from '../identity/types.ts';
import { Loading } from '../platform/loading.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useT } from '../i18n/index.tsx';
import { peopleOf } from '../booking/person-choice.tsx';
import type { BookingClinic } from '../booking/types.ts';
import { useWaitingPlaces, type PlaceRef } from './dropin-api.ts';
import { useDropinClinics } from './dropin-clinics.ts';
import { JoinForm } from './join-form.tsx';
import { PlacePanel } from './place-panel.tsx';
import './dropin.css';

// The place being watched lives in the address, so a reload (or a link from another tab) comes back to it.
const CLINIC_PARAM = 'klinikk';
const PATIENT_PARAM = 'for';

export function DropinPage() {
  const t = useT();
  return (
    <Page title={t('dropin.title')}>
      <RequireSession kind="patient">{() => <PatientDropin />}</RequireSession>
    </Page>
  );
}

function PatientDropin() {
  const me = useMe();
  const clinics = useDropinClinics();
  return (
    <QueryState query={me} loginKind="patient">
      {(meData) => <QueryState query={clinics} loginKind="patient">{(list) => <DropinFlow me={meData} clinics={list} />}</QueryState>}
    </QueryState>
  );
}

function DropinFlow({ me, clinics }: { me: Me; clinics: BookingClinic[] }) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const people = peopleOf(me, t);
  const clinicId = params.get(CLINIC_PARAM);
  const patientId = params.get(PATIENT_PARAM);
  const clinic = clinics.find((c) => c.id === clinicId);
  const person = people.find((p) => p.id === patientId);

  const watch = (ref: PlaceRef, replace = false) => setParams({ [CLINIC_PARAM]: ref.clinicId, [PATIENT_PARAM]: ref.patientId }, { replace });
  const startOver = () => setParams({});

  if (clinics.length === 0) return <Paragraph>{t('dropin.noClinics')}</Paragraph>;
  if (clinic && person) {
    return <PlacePanel key={`${clinic.id}:${person.id}`} placeRef={{ clinicId: clinic.id, patientId: person.id }} clinic={clinic} patientName={person.name} onStartOver={startOver} />;
  }
  return <FindOrJoin me={me} clinics={clinics} onWatch={watch} />;
}

/** Someone already waiting (joined before a reload, or in another tab) sees their place, not the form. */
function FindOrJoin({ me, clinics, onWatch }: { me: Me; clinics: BookingClinic[]; onWatch: (ref: PlaceRef, replace?: boolean) => void }) {
  const t = useT();
  const people = peopleOf(me, t);
  const places = useWaitingPlaces(clinics.flatMap((c) => people.map((p) => ({ clinicId: c.id, patientId: p.id }))));
  const first = places.waiting[0];
  const watchFirst = useRef(onWatch);

  useEffect(() => {
    watchFirst.current = onWatch;
  });

  useEffect(() => {
    // Replaces the address rather than adding one, so Back does not land on this redirect again.
    if (first) watchFirst.current(first, true);
  }, [first?.clinicId, first?.patientId]);

  if (places.isPending || first) return <Loading />;
  return <JoinForm me={me} clinics={clinics} people={people} onJoined={onWatch} />;
}
