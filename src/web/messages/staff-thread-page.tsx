// "/ansatt/innboks/:id": one thread for the clinic: read it (audited), answer, hand it over (a health question only to
// a clinician, or back to the team) and close it. Reception opening a health question is told that its content is
// hidden from reception, with the server's reason, and may still route it to a clinician.
import { Alert, Button, Field, Heading, Label, Paragraph, Select } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { useLocation, useParams } from 'react-router';
import { ApiError } from '../api.ts';
import { displayName } from '../identity/display-name.ts';
import { AppLink } from '../platform/app-link.tsx';
import { Facts, type Fact } from '../platform/facts.tsx';
import { FormStatus } from '../platform/form-status.tsx';
import { Notice, useNotice } from '../platform/notice.tsx';
import { problemText } from '../platform/problem-message.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { Section } from '../platform/section.tsx';
import { StaffPage } from '../staff/staff-page.tsx';
import type { StaffHome } from '../staff/types.ts';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { Attachments, Conversation } from './conversation.tsx';
import { useAssign, useCloseThread, useHandOverCandidates, useStaffInbox, useStaffReply, useStaffThread, type StaffInboxThread, type ThreadDetail } from './messages-api.ts';
import { capitalise } from './message-text.ts';
import { ReplyForm } from './reply-form.tsx';
import { assigneeText, staffStatusText, staffTitle } from './staff-text.ts';
import './messages.css';
import { mutateThen } from '../platform/mutate-then.ts';

export function StaffThreadPage() {
  const t = useT();
  return <StaffPage title={t('staffMessages.threadTitle')}>{(home) => <StaffThread home={home} />}</StaffPage>;
}

function StaffThread({ home }: { home: StaffHome }) {
  const t = useT();
  const { id = '' } = useParams();
  const thread = useStaffThread(id);
  const hidden = thread.error instanceof ApiError && thread.error.status === 403;
  return (
    <>
      <Paragraph>
        <AppLink to="/ansatt/innboks">{t('staffMessages.back')}</AppLink>
      </Paragraph>
      {hidden ? (
        <HiddenThread id={id} home={home} reason={problemText(thread.error, t)} />
      ) : (
        <QueryState query={thread} loginKind="staff">
          {(detail) => <ThreadContent detail={detail} home={home} />}
        </QueryState>
      )}
    </>
  );
}

/** Reception and a health question: that it exists, whose it is and who has it, and the hand-over; never its content. */
function HiddenThread({ id, home, reason }: { id: string; home: StaffHome; reason: string }) {
  const t = useT();
  const inbox = useStaffInbox('', false);
  const notice = useNotice();
  const item = inbox.data?.find((x) => x.id === id);
  return (
    <>
      <Alert data-color="warning">
        <Heading level={2} data-size="xs">
          {t('staffMessages.hidden')}
        </Heading>
        <Paragraph>{reason}</Paragraph>
      </Alert>
      {item && (
        <>
          <ThreadFacts thread={item} home={home} />
          <Notice notice={notice} />
          {item.status !== 'closed' && <HandOver thread={item} home={home} onDone={notice.show} />}
        </>
      )}
    </>
  );
}

function ThreadFacts({ thread, home }: { thread: StaffInboxThread; home: StaffHome }) {
  const t = useT();
  const format = useFormat();
  const facts: Fact[] = [
    [t('messages.fact.kind'), t(`staffMessages.kind.${thread.kind}`)],
    [t('staffMessages.fact.patient'), <AppLink to={`/ansatt/pasient/${encodeURIComponent(thread.patient.id)}`}>{displayName(thread.patient.name, t)}</AppLink>],
    [t('messages.fact.status'), staffStatusText(thread, t)],
    [t('staffMessages.fact.assignee'), capitalise(assigneeText(thread, t, home.person.id))],
    [t('messages.fact.started'), format.dateTime(thread.createdAt)],
  ];
  if (thread.dueAt && thread.status === 'open') {
    facts.push([
      t('staffMessages.fact.due'),
      thread.overdue ? <strong>{t('staffMessages.dueOverdue', { date: format.dateTime(thread.dueAt) })}</strong> : format.dateTime(thread.dueAt),
    ]);
  }
  return <Facts items={facts} />;
}

function ThreadContent({ detail, home }: { detail: ThreadDetail<StaffInboxThread>; home: StaffHome }) {
  const t = useT();
  const location = useLocation();
  const sent = (location.state as { sent?: boolean } | null)?.sent === true;
  const notice = useNotice();
  const { thread } = detail;
  const open = thread.status !== 'closed' && thread.kind !== 'letter';
  return (
    <>
      <Heading level={2} data-size="sm">
        {staffTitle(thread, t)}
      </Heading>
      {sent && (
        <div role="status" className="nl-form__status">
          <Paragraph>{t('staffMessages.letter.sent')}</Paragraph>
        </div>
      )}
      <ThreadFacts thread={thread} home={home} />
      <Notice notice={notice} />
      <Conversation messages={detail.messages} />
      {detail.attachments.length > 0 && (
        <Section title={t('messages.attachments.title')}>
          <Attachments threadId={thread.id} attachments={detail.attachments} audience="staff" />
        </Section>
      )}
      {open ? <StaffReplyForm threadId={thread.id} /> : <Paragraph>{thread.kind === 'letter' ? t('staffMessages.letterNoReply') : t('staffMessages.closed')}</Paragraph>}
      {open && <HandOver thread={thread} home={home} onDone={notice.show} />}
      {open && <CloseThread thread={thread} onDone={notice.show} />}
    </>
  );
}

function StaffReplyForm({ threadId }: { threadId: string }) {
  const t = useT();
  return (
    <ReplyForm
      send={useStaffReply(threadId)}
      texts={{ title: t('staffMessages.reply.title'), hint: t('staffMessages.reply.hint'), body: t('staffMessages.reply.body'), submit: t('staffMessages.reply.submit'), sent: t('staffMessages.reply.sent') }}
    />
  );
}

const TEAM = 'team';

interface Candidate {
  personId: string;
  label: string;
}

/** Who may take the thread (the server's list), the staff member themself named as such. */
function useCandidates(thread: StaffInboxThread, home: StaffHome): Candidate[] {
  const t = useT();
  const candidates = useHandOverCandidates(thread.id);
  return (candidates.data ?? []).map((c) => ({
    personId: c.personId,
    label: c.personId === home.person.id ? t('staffMessages.handOver.me', { name: displayName(c.name, t) }) : displayName(c.name, t),
  }));
}

function HandOver({ thread, home, onDone }: { thread: StaffInboxThread; home: StaffHome; onDone: (text: string) => void }) {
  const t = useT();
  const assign = useAssign(thread.id);
  const candidates = useCandidates(thread, home);
  const [to, setTo] = useState('');
  const headingId = useId();
  const selectId = useId();
  const options = [...candidates.map((c) => ({ value: c.personId, label: c.label })), ...(thread.assignee ? [{ value: TEAM, label: t(thread.kind === 'clinical' ? 'staffMessages.handOver.clinicians' : 'staffMessages.handOver.team') }] : [])];
  const chosen = options.some((o) => o.value === to) ? to : (options[0]?.value ?? '');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (assign.isPending || !chosen) return;
    const personId = chosen === TEAM ? null : chosen;
    const label = options.find((o) => o.value === chosen)?.label ?? '';
    mutateThen(assign, personId, () => onDone(personId ? t('staffMessages.handOver.done', { name: label }) : t('staffMessages.handOver.backDone')));
  }

  return (
    <section className="nl-section" aria-labelledby={headingId}>
      <Heading id={headingId} level={2} data-size="sm">
        {t('staffMessages.handOver.title')}
      </Heading>
      <Paragraph data-size="sm">{t(thread.kind === 'clinical' ? 'staffMessages.handOver.hintClinical' : 'staffMessages.handOver.hintAdmin')}</Paragraph>
      {options.length === 0 ? (
        <Paragraph>{t('staffMessages.handOver.none')}</Paragraph>
      ) : (
        <form className="nl-form nl-message-form" noValidate onSubmit={submit} aria-labelledby={headingId}>
          <Field>
            <Label htmlFor={selectId}>{t('staffMessages.handOver.to')}</Label>
            <Select id={selectId} value={chosen} onChange={(e) => setTo(e.target.value)}>
              {options.map((o) => (
                <Select.Option key={o.value} value={o.value}>
                  {o.label}
                </Select.Option>
              ))}
            </Select>
          </Field>
          <FormStatus error={assign.isError ? assign.error : null} />
          <div>
            <Button type="submit" variant="secondary" loading={assign.isPending}>
              {t('staffMessages.handOver.submit')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}

function CloseThread({ thread, onDone }: { thread: StaffInboxThread; onDone: (text: string) => void }) {
  const t = useT();
  const close = useCloseThread(thread.id);
  const headingId = useId();
  return (
    <section className="nl-section" aria-labelledby={headingId}>
      <Heading id={headingId} level={2} data-size="sm">
        {t('staffMessages.close.title')}
      </Heading>
      <Paragraph data-size="sm">{t('staffMessages.close.hint')}</Paragraph>
      <div>
        <Button type="button" variant="secondary" loading={close.isPending} onClick={() => !close.isPending && mutateThen(close, undefined, () => onDone(t('staffMessages.close.done')))}>
          {t('staffMessages.close.submit')}
        </Button>
      </div>
      <FormStatus error={close.isError ? close.error : null} />
    </section>
  );
}
