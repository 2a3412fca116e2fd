// "/innboks/:id": one thread: what it is, whom it concerns and where it went; its messages in order with author and
// time; its attachments (photos shown, PDFs to download); an answer where one is possible; attachments to a health question.
import { Button, Heading, Link, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { useLocation, useParams } from 'react-router';
import { displayName } from '../identity/display-name.ts';
import { RequireSession } from '../identity/require-session.tsx';
import { AppLink } from '../platform/app-link.tsx';
import { Facts, type Fact } from '../platform/facts.tsx';
import { FormStatus } from '../platform/form-status.tsx';
import { Notice, useNotice } from '../platform/notice.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { Section } from '../platform/section.tsx';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { AttachmentField } from './attachment-field.tsx';
import { Attachments, Conversation } from './conversation.tsx';
import { useReply, useThread, type ThreadDetail } from './messages-api.ts';
import { patientStatusText } from './message-text.ts';
import './messages.css';

export const MAX_BODY = 20000;

export function ThreadPage() {
  const t = useT();
  const { id = '' } = useParams();
  const thread = useThread(id);
  return (
    <Page title={thread.data?.thread.subject ?? t('messages.thread.title')}>
      <RequireSession kind="patient">
        {() => (
          <>
            <Paragraph>
              <AppLink to="/innboks">{t('messages.thread.back')}</AppLink>
            </Paragraph>
            <QueryState query={thread} loginKind="patient">
              {(detail) => <Thread detail={detail} />}
            </QueryState>
          </>
        )}
      </RequireSession>
    </Page>
  );
}

function Thread({ detail }: { detail: ThreadDetail }) {
  const t = useT();
  const format = useFormat();
  const location = useLocation();
  const sent = (location.state as { sent?: boolean } | null)?.sent === true;
  const { thread } = detail;
  const facts: Fact[] = [
    [t('messages.fact.kind'), t(`messages.kind.${thread.kind}`)],
    [t('messages.fact.clinic'), thread.clinic.name ?? ''],
    [t('messages.fact.concerns'), thread.concernsSelf ? t('messages.concerns.you') : displayName(thread.patient.name, t)],
    [t('messages.fact.status'), patientStatusText(thread, t)],
    [t('messages.fact.started'), format.dateTime(thread.createdAt)],
  ];
  if (thread.kind === 'clinical') facts.push([t('messages.fact.to'), thread.assignee ? displayName(thread.assignee.name, t) : t('messages.fact.toTeam')]);
  return (
    <>
      {sent && (
        <div role="status" className="nl-form__status">
          <Paragraph>{t(thread.kind === 'clinical' ? 'messages.new.sentClinical' : 'messages.new.sent')}</Paragraph>
        </div>
      )}
      <Facts items={facts} />
      {thread.kind === 'letter' && (
        <Paragraph>
          <Link href={`/api/threads/${encodeURIComponent(thread.id)}/letter.pdf`} download>
            {t('messages.letter.pdf')}
          </Link>
        </Paragraph>
      )}
      <Conversation messages={detail.messages} />
      {(detail.attachments.length > 0 || thread.mayAttach) && (
        <Section title={t('messages.attachments.title')}>
          <Attachments threadId={thread.id} attachments={detail.attachments} audience="patient" />
          {thread.mayAttach && <AttachmentField threadId={thread.id} count={thread.attachmentCount} />}
        </Section>
      )}
      {thread.mayReply ? (
        <ReplyForm threadId={thread.id} />
      ) : (
        <Paragraph>{thread.kind === 'letter' ? t('messages.thread.letterNoReply') : t('messages.thread.closedNoReply')}</Paragraph>
      )}
    </>
  );
}

function ReplyForm({ threadId }: { threadId: string }) {
  const t = useT();
  const reply = useReply(threadId);
  const notice = useNotice();
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const headingId = useId();
  const fieldId = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reply.isPending) return;
    const text = body.trim();
    const missing = text === '' ? t('messages.reply.missing') : text.length > MAX_BODY ? t('booking.reason.tooLong', { max: MAX_BODY }) : undefined;
    setProblem(missing);
    if (missing) return document.getElementById(fieldId)?.focus();
    reply.mutate(text, {
      onSuccess: () => {
        setBody('');
        notice.show(t('messages.reply.sent'));
      },
    });
  }

  return (
    <section className="nl-section" aria-labelledby={headingId}>
      <Heading id={headingId} level={2} data-size="sm">
        {t('messages.reply.title')}
      </Heading>
      <form className="nl-form nl-message-form" noValidate onSubmit={submit} aria-labelledby={headingId}>
        <Textfield id={fieldId} multiline rows={5} label={t('messages.reply.body')} value={body} onChange={(e) => setBody(e.target.value)} error={problem} />
        <FormStatus error={reply.isError ? reply.error : null} />
        <div>
          <Button type="submit" loading={reply.isPending}>
            {t('messages.reply.submit')}
          </Button>
        </div>
      </form>
      <Notice notice={notice} />
    </section>
  );
}
