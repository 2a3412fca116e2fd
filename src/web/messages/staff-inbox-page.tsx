// "/ansatt/innboks": the clinic's inbox: each thread's kind, patient, who has it, its deadline (overdue said in words,
// not colour only) and whether it is unread; reception sees health questions without subject or content. Search,
// closed threads on request, and a letter to one of the clinic's patients.
import { Alert, Button, Checkbox, Field, Heading, Label, Paragraph, Select, Tag, Textfield } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { displayName } from '../identity/display-name.ts';
import { AppLink } from '../platform/app-link.tsx';
import { FormStatus } from '../platform/form-status.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { Section } from '../platform/section.tsx';
import { StaffPage } from '../staff/staff-page.tsx';
import type { StaffHome } from '../staff/types.ts';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { useSendLetter, useStaffInbox, type StaffInboxThread } from './messages-api.ts';
import { assigneeText, staffStatusText, staffTitle } from './staff-text.ts';
import { MAX_BODY } from './reply-form.tsx';
import { MessageSettings } from './message-settings.tsx';
import './messages.css';

export function StaffInboxPage() {
  const t = useT();
  return <StaffPage title={t('staffMessages.title')}>{(home) => <StaffInbox home={home} />}</StaffPage>;
}

function StaffInbox({ home }: { home: StaffHome }) {
  const t = useT();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [closed, setClosed] = useState(false);
  const inbox = useStaffInbox(q, closed);
  const clinician = home.roles.includes('clinician');

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setQ(draft);
  }

  return (
    <>
      <Alert data-color="info">
        <Paragraph>{t('staff.accessLogged')}</Paragraph>
      </Alert>
      <Paragraph>{t(clinician ? 'staffMessages.introClinician' : 'staffMessages.introReception', { clinic: home.clinic.name })}</Paragraph>
      <Section title={t('staffMessages.threads')}>
        <form role="search" className="nl-message-search" onSubmit={search} aria-label={t('messages.search.label')}>
          <Textfield type="search" label={t('messages.search.label')} description={t('staffMessages.searchHint')} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <Button type="submit" variant="secondary">
            {t('messages.search.submit')}
          </Button>
        </form>
        <Checkbox label={t('staffMessages.showClosed')} checked={closed} onChange={(e) => setClosed(e.target.checked)} />
        <QueryState query={inbox} loginKind="staff">
          {(threads) => (
            <>
              <Paragraph aria-live="polite" data-size="sm">
                {countText(threads, t)}
              </Paragraph>
              {threads.length > 0 && (
                <ul className="nl-thread-list">
                  {threads.map((thread) => (
                    <li key={thread.id}>
                      <StaffThreadItem thread={thread} myId={home.person.id} />
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </QueryState>
      </Section>
      <LetterForm home={home} />
      {home.roles.includes('clinic_admin') && <MessageSettings />}
    </>
  );
}

function countText(threads: StaffInboxThread[], t: ReturnType<typeof useT>): string {
  if (threads.length === 0) return t('staffMessages.empty');
  const overdue = threads.filter((x) => x.overdue).length;
  const unread = threads.filter((x) => x.unread).length;
  return t('staffMessages.count', { count: threads.length, unread, overdue });
}

function StaffThreadItem({ thread, myId }: { thread: StaffInboxThread; myId: string }) {
  const t = useT();
  const format = useFormat();
  const classes = ['nl-thread-item', thread.unread ? 'nl-thread-item--unread' : '', thread.overdue ? 'nl-thread-item--overdue' : ''].filter(Boolean).join(' ');
  return (
    <article className={classes} aria-labelledby={`staff-thread-${thread.id}`}>
      <Heading level={3} data-size="xs" className="nl-thread-item__heading">
        <span id={`staff-thread-${thread.id}`} className="nl-thread-item__title">
          <AppLink to={`/ansatt/innboks/${encodeURIComponent(thread.id)}`}>
            {staffTitle(thread, t)}
            {thread.unread && <span className="ds-sr-only"> ({t('messages.unread')})</span>}
            {thread.overdue && <span className="ds-sr-only"> ({t('staffMessages.overdue')})</span>}
          </AppLink>
        </span>
        <span className="nl-tags" aria-hidden="true">
          <Tag data-color={thread.kind === 'clinical' ? 'accent' : 'neutral'} data-size="sm">
            {t(`staffMessages.kind.${thread.kind}`)}
          </Tag>
          {thread.unread && (
            <Tag data-color="info" data-size="sm">
              {t('messages.unread')}
            </Tag>
          )}
          {thread.overdue && (
            <Tag data-color="danger" data-size="sm">
              {t('staffMessages.overdue')}
            </Tag>
          )}
        </span>
      </Heading>
      <Paragraph data-size="sm">
        <span className="ds-sr-only">{t(`staffMessages.kind.${thread.kind}`)}. </span>
        {t('staffMessages.patient', { name: displayName(thread.patient.name, t) })} · {t('staffMessages.assignee', { who: assigneeText(thread, t, myId) })}
      </Paragraph>
      <Paragraph data-size="sm">
        {staffStatusText(thread, t)}
        {thread.dueAt && thread.status === 'open' && (
          <>
            {' · '}
            {thread.overdue ? <strong>{t('staffMessages.dueOverdue', { date: format.dateTime(thread.dueAt) })}</strong> : t('staffMessages.due', { date: format.dateTime(thread.dueAt) })}
          </>
        )}
        {' · '}
        <time dateTime={thread.lastMessageAt}>{t('messages.lastMessage', { date: format.dateTime(thread.lastMessageAt) })}</time>
      </Paragraph>
      {thread.preview && <Paragraph data-size="sm" className="nl-thread-item__preview">{thread.preview}</Paragraph>}
    </article>
  );
}

const MAX_SUBJECT = 200;

/** A letter to one of the clinic's patients: no answer expected, none possible; the patient is told without content. */
function LetterForm({ home }: { home: StaffHome }) {
  const t = useT();
  const navigate = useNavigate();
  const send = useSendLetter();
  const [patientId, setPatientId] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [shown, setShown] = useState(false);
  const headingId = useId();
  const ids = { patient: useId(), subject: useId(), body: useId() };
  const problems = {
    patient: patientId ? undefined : t('staffMessages.letter.patientMissing'),
    subject: subject.trim() === '' ? t('messages.new.subjectMissing') : subject.length > MAX_SUBJECT ? t('booking.reason.tooLong', { max: MAX_SUBJECT }) : undefined,
    body: body.trim() === '' ? t('messages.new.bodyMissing') : body.length > MAX_BODY ? t('booking.reason.tooLong', { max: MAX_BODY }) : undefined,
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (send.isPending) return;
    setShown(true);
    const first = (['patient', 'subject', 'body'] as const).find((k) => problems[k]);
    if (first) return document.getElementById(ids[first])?.focus();
    send.mutate(
      { patientId, subject: subject.trim(), body: body.trim() },
      { onSuccess: (detail) => navigate(`/ansatt/innboks/${encodeURIComponent(detail.thread.id)}`, { state: { sent: true } }) },
    );
  }

  return (
    <section className="nl-section" aria-labelledby={headingId}>
      <Heading id={headingId} level={2} data-size="sm">
        {t('staffMessages.letter.title')}
      </Heading>
      <Paragraph>{t('staffMessages.letter.intro')}</Paragraph>
      {home.patients.length === 0 ? (
        <Paragraph>{t('staff.noPatients')}</Paragraph>
      ) : (
        <form className="nl-form nl-message-form" noValidate onSubmit={submit} aria-labelledby={headingId}>
          <Field>
            <Label htmlFor={ids.patient}>{t('staffMessages.letter.patient')}</Label>
            <Select id={ids.patient} value={patientId} onChange={(e) => setPatientId(e.target.value)} aria-invalid={shown && problems.patient ? true : undefined}>
              <Select.Option value="">{t('staffMessages.letter.choose')}</Select.Option>
              {home.patients.map((p) => (
                <Select.Option key={p.id} value={p.id}>
                  {displayName(p.name, t)} ({p.maskedNationalId})
                </Select.Option>
              ))}
            </Select>
            {shown && problems.patient && <Paragraph className="nl-error-text">{problems.patient}</Paragraph>}
          </Field>
          <Textfield id={ids.subject} label={t('messages.new.subject')} value={subject} onChange={(e) => setSubject(e.target.value)} error={shown ? problems.subject : undefined} maxLength={MAX_SUBJECT} />
          <Textfield id={ids.body} multiline rows={6} label={t('staffMessages.letter.body')} value={body} onChange={(e) => setBody(e.target.value)} error={shown ? problems.body : undefined} />
          <FormStatus error={send.isError ? send.error : null} />
          <div>
            <Button type="submit" loading={send.isPending}>
              {t('staffMessages.letter.submit')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
