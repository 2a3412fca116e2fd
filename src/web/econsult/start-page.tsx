// "/e-konsultasjon": for whom and at which clinic, then the emergency screening; all no starts a draft and opens it.
import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent, type Ref } from 'react';
import { useNavigate } from 'react-router';
import { ClinicSelect } from '../booking/clinic-select.tsx';
import { PersonChoice, peopleOf, type Person } from '../booking/person-choice.tsx';
import type { BookingClinic } from '../booking/types.ts';
import { useMe } from '../identity/me.ts';
import { RequireSession } from '../identity/require-session.tsx';
import type { Me } from '../identity/types.ts';
import { AppLink } from '../platform/app-link.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useT } from '../i18n/index.tsx';
import { useEconsultClinics } from './econsult-clinics.ts';
import { useSetup, useStartCase } from './patient-api.ts';
import { ScreeningForm } from './screening-form.tsx';
import { useFocusOnChange } from './step-focus.ts';
import './econsult.css';

export function EconsultStartPage() {
  const t = useT();
  return (
    <Page title={t('econsult.title')}>
      <RequireSession kind="patient">{() => <PatientStart />}</RequireSession>
    </Page>
  );
}

function PatientStart() {
  const t = useT();
  const me = useMe();
  const clinics = useEconsultClinics();
  return (
    <>
      <Paragraph>{t('econsult.intro')}</Paragraph>
      <Paragraph>
        <AppLink to="/e-konsultasjon/saker">{t('econsult.myCases.link')}</AppLink>
      </Paragraph>
      <QueryState query={me} loginKind="patient">
        {(meData) => (
          <QueryState query={clinics} loginKind="patient">
            {(list) => (list.length === 0 ? <Paragraph>{t('econsult.noClinics')}</Paragraph> : <StartFlow me={meData} clinics={list} />)}
          </QueryState>
        )}
      </QueryState>
    </>
  );
}

function StartFlow({ me, clinics }: { me: Me; clinics: BookingClinic[] }) {
  const t = useT();
  const navigate = useNavigate();
  const people = peopleOf(me, t);
  const [patientId, setPatientId] = useState(people.some((p) => p.id === me.subject.id) ? me.subject.id : me.person.id);
  const [clinicId, setClinicId] = useState(clinics.find((c) => c.id === me.clinic?.id)?.id ?? clinics[0]!.id);
  const [step, setStep] = useState<'who' | 'screening'>('who');
  const heading = useFocusOnChange<HTMLHeadingElement>(step);
  const setup = useSetup(step === 'screening' ? clinicId : undefined);
  const start = useStartCase();
  const clinic = clinics.find((c) => c.id === clinicId) ?? clinics[0]!;
  const person = people.find((p) => p.id === patientId) ?? people[0]!;

  if (step === 'who') {
    return <WhoForm me={me} people={people} clinics={clinics} patientId={person.id} clinicId={clinic.id} headingRef={heading} onPatient={setPatientId} onClinic={setClinicId} onNext={() => setStep('screening')} />;
  }
  return (
    <QueryState query={setup} loginKind="patient">
      {(data) => (
        <ScreeningForm
          setup={data}
          context={t('econsult.screening.context', { name: person.name, clinic: clinic.name })}
          starting={start.isPending}
          startError={start.error}
          onBack={() => setStep('who')}
          onAllNo={(screening) =>
            start.mutate({ clinicId: clinic.id, patientId: person.id, screening }, { onSuccess: (view) => navigate(`/e-konsultasjon/${encodeURIComponent(view.id)}`) })
          }
        />
      )}
    </QueryState>
  );
}

interface WhoFormProps {
  me: Me;
  people: Person[];
  clinics: BookingClinic[];
  patientId: string;
  clinicId: string;
  headingRef: Ref<HTMLHeadingElement>;
  onPatient: (id: string) => void;
  onClinic: (id: string) => void;
  onNext: () => void;
}

function WhoForm({ me, people, clinics, patientId, clinicId, headingRef, onPatient, onClinic, onNext }: WhoFormProps) {
  const t = useT();
  const headingId = useId();
  const clinic = clinics.find((c) => c.id === clinicId)!;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onNext();
  }
  return (
    <form className="nl-form" noValidate onSubmit={submit} aria-labelledby={headingId}>
      <Heading level={2} data-size="sm" id={headingId} ref={headingRef} tabIndex={-1}>
        {t('econsult.who.heading')}
      </Heading>
      {people.length > 1 && <PersonChoice people={people} value={patientId} selfId={me.person.id} onChange={onPatient} legend={t('econsult.who.forWhom')} />}
      {clinics.length > 1 ? <ClinicSelect clinics={clinics} value={clinicId} onChange={onClinic} /> : <Paragraph>{t('econsult.who.clinicOnly', { clinic: clinic.name })}</Paragraph>}
      <div>
        <Button type="submit">{t('econsult.next')}</Button>
      </div>
    </form>
  );
}
