// "/innboks/ny": a new message. First the clinic, then what it is: "Kontakt legekontoret" for practical questions (not
// health, not emergencies: the numbers to call are shown) or "Melding til legen min" (to the GP, or a named clinician of
// the clinic). A clinic that takes neither shows how to reach it. Sent under one Idempotency-Key per submission; the
// thread opens afterwards, where photos and PDFs can be added to a health question.
import { Alert, Button, Field, Fieldset, Label, Paragraph, Radio, Select, Textfield } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { keyKeeper } from '../booking/idempotency.ts';
import { displayName } from '../identity/display-name.ts';
import { RequireSession } from '../identity/require-session.tsx';
import { AppLink } from '../platform/app-link.tsx';
import { EmergencyNotice } from '../platform/emergency-notice.tsx';
import { FormStatus } from '../platform/form-status.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useT } from '../i18n/index.tsx';
import { ClinicContactDetails } from './inbox-page.tsx';
import { useMessageClinics, useStartThread, type MessageClinic } from './messages-api.ts';
import { gpOf, professionText } from './message-text.ts';
import { MAX_BODY } from './reply-form.tsx';
import './messages.css';

const MAX_SUBJECT = 200;
/** The clinical recipient "the clinic's clinicians" (no practitionerId). */
const TEAM = 'team';

export function NewMessagePage() {
  const t = useT();
  return (
    <Page title={t('messages.new.title')}>
      <RequireSession kind="patient">{() => <NewMessage />}</RequireSession>
    </Page>
  );
}

function NewMessage() {
  const t = useT();
  const clinics = useMessageClinics();
  return (
    <>
      <Paragraph>
        <AppLink to="/innboks">{t('messages.thread.back')}</AppLink>
      </Paragraph>
      <QueryState query={clinics} loginKind="patient">
        {(list) => (list.length === 0 ? <Paragraph>{t('messages.contacts.none')}</Paragraph> : <NewMessageForm clinics={list} />)}
      </QueryState>
    </>
  );
}

type Kind = 'admin' | 'clinical';

function NewMessageForm({ clinics }: { clinics: MessageClinic[] }) {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const start = useStartThread();
  const [keys] = useState(() => keyKeeper());
  const wantedClinic = clinics.find((c) => c.id === params.get('klinikk')) ?? (clinics.length === 1 ? clinics[0] : undefined);
  const wantedKind: Kind | undefined = params.get('type') === 'kontor' ? 'admin' : params.get('type') === 'lege' ? 'clinical' : undefined;
  const [clinicId, setClinicId] = useState(wantedClinic?.id ?? '');
  const clinic = clinics.find((c) => c.id === clinicId);
  const [kind, setKind] = useState<Kind | ''>(wantedKind && wantedClinic?.offers.includes(wantedKind) ? wantedKind : wantedClinic?.offers.length === 1 ? wantedClinic.offers[0]! : '');
  const [to, setTo] = useState(params.get('til') ?? '');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [shown, setShown] = useState(false);
  const clinicName = useId();
  const kindName = useId();
  const ids = { clinic: useId(), kind: useId(), to: useId(), subject: useId(), body: useId() };

  const gp = clinic ? gpOf(clinic) : undefined;
  const recipients = clinic?.clinicians ?? [];
  const recipient = to && recipients.some((r) => r.practitionerId === to) ? to : gp ? gp.practitionerId : TEAM;

  function chooseClinic(id: string) {
    setClinicId(id);
    const next = clinics.find((c) => c.id === id);
    setKind(next?.offers.length === 1 ? next.offers[0]! : '');
    setTo('');
  }

  const problems = {
    clinic: clinic ? undefined : t('messages.new.clinicMissing'),
    kind: clinic && clinic.offers.length > 0 && !kind ? t('messages.new.kindMissing') : undefined,
    subject: subject.trim() === '' ? t('messages.new.subjectMissing') : subject.length > MAX_SUBJECT ? t('booking.reason.tooLong', { max: MAX_SUBJECT }) : undefined,
    body: body.trim() === '' ? t('messages.new.bodyMissing') : body.length > MAX_BODY ? t('booking.reason.tooLong', { max: MAX_BODY }) : undefined,
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (start.isPending) return;
    setShown(true);
    const first = (['clinic', 'kind', 'subject', 'body'] as const).find((k) => problems[k]);
    if (first) return document.getElementById(ids[first])?.focus();
    if (!clinic || !kind) return;
    const input = {
      kind,
      clinicId: clinic.id,
      ...(kind === 'clinical' && recipient !== TEAM ? { practitionerId: recipient } : {}),
      subject: subject.trim(),
      body: body.trim(),
    };
    start.mutate({ input, idempotencyKey: keys.keyFor(input) }, { onSuccess: (detail) => navigate(`/innboks/${encodeURIComponent(detail.thread.id)}`, { state: { sent: true } }) });
  }

  return (
    <form className="nl-form nl-message-form" noValidate onSubmit={submit} aria-label={t('messages.new.title')}>
      {clinics.length > 1 ? (
        <Fieldset id={ids.clinic} tabIndex={-1}>
          <Fieldset.Legend>{t('messages.new.clinic')}</Fieldset.Legend>
          {clinics.map((c) => (
            <Radio key={c.id} name={clinicName} value={c.id} label={c.name} checked={clinicId === c.id} onChange={() => chooseClinic(c.id)} aria-invalid={shown && problems.clinic ? true : undefined} />
          ))}
          {shown && problems.clinic && <Paragraph className="nl-error-text">{problems.clinic}</Paragraph>}
        </Fieldset>
      ) : (
        clinic && <Paragraph>{t('messages.new.toClinic', { clinic: clinic.name })}</Paragraph>
      )}

      {clinic && clinic.offers.length === 0 && <ClinicContactDetails clinic={clinic} />}

      {clinic && clinic.offers.length > 0 && (
        <>
          <Fieldset id={ids.kind} tabIndex={-1}>
            <Fieldset.Legend>{t('messages.new.kind')}</Fieldset.Legend>
            {clinic.offers.includes('admin') && (
              <Radio name={kindName} value="admin" label={t('messages.new.admin')} description={t('messages.new.adminHint')} checked={kind === 'admin'} onChange={() => setKind('admin')} />
            )}
            {clinic.offers.includes('clinical') && (
              <Radio name={kindName} value="clinical" label={t('messages.new.clinical')} description={t('messages.new.clinicalHint')} checked={kind === 'clinical'} onChange={() => setKind('clinical')} />
            )}
            {shown && problems.kind && <Paragraph className="nl-error-text">{problems.kind}</Paragraph>}
          </Fieldset>
          {!clinic.offers.includes('admin') && <Paragraph data-size="sm">{t('messages.new.noAdmin', { clinic: clinic.name })}</Paragraph>}
          {!clinic.offers.includes('clinical') && <Paragraph data-size="sm">{t('messages.new.noClinical', { clinic: clinic.name })}</Paragraph>}
        </>
      )}

      {kind === 'admin' && (
        <Alert data-color="info">
          <Paragraph>{t('messages.new.adminWhat')}</Paragraph>
          <Paragraph>{t('messages.new.adminNot')}</Paragraph>
        </Alert>
      )}
      {kind === 'clinical' && (
        <>
          <Alert data-color="info">
            <Paragraph>{t('messages.new.clinicalWhat')}</Paragraph>
            <Paragraph>{t('messages.new.clinicalAttach')}</Paragraph>
          </Alert>
          <Field>
            <Label htmlFor={ids.to}>{t('messages.new.to')}</Label>
            <Select id={ids.to} value={recipient} onChange={(e) => setTo(e.target.value)}>
              {gp && <Select.Option value={gp.practitionerId}>{t('messages.new.toGp', { name: displayName(gp.name, t) })}</Select.Option>}
              {recipients
                .filter((r) => r.practitionerId !== gp?.practitionerId)
                .map((r) => (
                  <Select.Option key={r.practitionerId} value={r.practitionerId}>
                    {t('messages.new.toClinician', { name: displayName(r.name, t), profession: professionText(r.profession, t) })}
                  </Select.Option>
                ))}
              <Select.Option value={TEAM}>{t('messages.new.toTeam')}</Select.Option>
            </Select>
          </Field>
        </>
      )}
      {kind !== '' && <EmergencyNotice />}

      {kind !== '' && (
        <>
          <Textfield
            id={ids.subject}
            label={t('messages.new.subject')}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
            error={shown ? problems.subject : undefined}
            maxLength={MAX_SUBJECT}
          />
          <Textfield
            id={ids.body}
            multiline
            rows={6}
            label={t('messages.new.body')}
            description={t(kind === 'admin' ? 'messages.new.bodyHintAdmin' : 'messages.new.bodyHintClinical')}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            error={shown ? problems.body : undefined}
          />
          <FormStatus error={start.isError ? start.error : null} />
          <div>
            <Button type="submit" loading={start.isPending}>
              {t('messages.new.submit')}
            </Button>
          </div>
        </>
      )}
    </form>
  );
}
