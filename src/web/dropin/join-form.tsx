// Joining the queue: which clinic, for whom, video or phone, then "Still meg i kø"; someone already waiting goes straight to their place.
import { Alert, Button, Fieldset, Paragraph, Radio } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { isProblemType } from '../api.ts';
import { ClinicSelect } from '../booking/clinic-select.tsx';
import { PersonChoice, type Person } from '../booking/person-choice.tsx';
import type { BookingClinic } from '../booking/types.ts';
import type { Me } from '../identity/types.ts';
import { AppLink } from '../platform/app-link.tsx';
import { EmergencyNotice } from '../platform/emergency-notice.tsx';
import { problemText } from '../platform/problem-message.tsx';
import { useT } from '../i18n/index.tsx';
import { useJoinQueue, type PlaceRef } from './dropin-api.ts';
import { DROPIN_VISIT_TYPES, type DropinVisitType } from './types.ts';

export interface JoinFormProps {
  me: Me;
  clinics: BookingClinic[];
  people: Person[];
  onJoined: (ref: PlaceRef) => void;
}

export function JoinForm({ me, clinics, people, onJoined }: JoinFormProps) {
  const t = useT();
  const join = useJoinQueue();
  const [clinicId, setClinicId] = useState(clinics.find((c) => c.id === me.clinic?.id)?.id ?? clinics[0]!.id);
  const [patientId, setPatientId] = useState(people.some((p) => p.id === me.subject.id) ? me.subject.id : me.person.id);
  const clinic = clinics.find((c) => c.id === clinicId) ?? clinics[0]!;
  const offered = DROPIN_VISIT_TYPES.filter((v) => clinic.dropinVisitTypes.includes(v));
  const [chosen, setChosen] = useState<DropinVisitType>(offered[0] ?? 'video');
  const visitType = offered.includes(chosen) ? chosen : (offered[0] ?? 'video');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (join.isPending) return;
    const ref = { clinicId: clinic.id, patientId };
    join.mutate(
      { ref, visitType },
      {
        onSuccess: () => onJoined(ref),
        // Already in this queue (another tab, a double click): show that place instead of an error.
        onError: (error) => isProblemType(error, 'already-in-queue') && onJoined(ref),
      },
    );
  }

  return (
    <>
      <Paragraph>{t('dropin.intro')}</Paragraph>
      <EmergencyNotice />
      <form className="nl-form" noValidate onSubmit={submit}>
        {clinics.length > 1 && <ClinicSelect clinics={clinics} value={clinic.id} onChange={setClinicId} />}
        {clinics.length === 1 && (
          <Paragraph>
            {t('dropin.clinicOnly', { clinic: clinic.name })}
          </Paragraph>
        )}
        {people.length > 1 && <PersonChoice people={people} value={patientId} selfId={me.person.id} onChange={setPatientId} legend={t('dropin.forWhom')} />}
        <VisitTypeChoice offered={offered} value={visitType} onChange={setChosen} />
        {visitType === 'phone' && <PhoneHint phone={me.person.phone} />}
        <div aria-live="polite" className="nl-form__status">
          {join.isError && !isProblemType(join.error, 'already-in-queue') && (
            <Alert data-color="danger">
              <Paragraph>{problemText(join.error, t)}</Paragraph>
            </Alert>
          )}
        </div>
        <div>
          <Button type="submit" loading={join.isPending}>
            {t('dropin.join')}
          </Button>
        </div>
      </form>
    </>
  );
}

function VisitTypeChoice({ offered, value, onChange }: { offered: DropinVisitType[]; value: DropinVisitType; onChange: (v: DropinVisitType) => void }) {
  const t = useT();
  const name = useId();
  return (
    <Fieldset>
      <Fieldset.Legend>{t('dropin.visitType.legend')}</Fieldset.Legend>
      {offered.map((type) => (
        <Radio key={type} name={name} value={type} label={t(`booking.visitType.${type}`)} checked={value === type} onChange={() => onChange(type)} />
      ))}
    </Fieldset>
  );
}

/** The clinician calls the number on Min side; without one, say where to add it. */
function PhoneHint({ phone }: { phone: string | null }) {
  const t = useT();
  if (phone) return <Paragraph data-size="sm">{t('dropin.phoneHint', { phone })}</Paragraph>;
  return (
    <Paragraph data-size="sm">
      {t('dropin.phoneMissing')} <AppLink to="/min-side">{t('nav.minSide')}</AppLink>
    </Paragraph>
  );
}
