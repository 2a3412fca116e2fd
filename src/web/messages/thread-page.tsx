// "/innboks/:id": one thread: what it is, whom it concerns and where it went; its messages in order with author and
// time; its attachments (photos shown, PDFs to download); an answer where one is possible; attachments to a health question.
import { Link, Paragraph } from '@digdir/designsystemet-react';
import { useLocation, useParams } from 'react-router';
import { displayName } from '../identity/display-name.ts';
import { RequireSession } from '../identity/require-session.tsx';
import { AppLink } from '../platform/app-link.tsx';
import { Facts, type Fact } from '../platform/facts.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { Section } from '../platform/section.tsx';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { AttachmentField } from './attachment-field.tsx';
import { Attachments, Conversation } from './conversation.tsx';
import { useReply, useThread, type ThreadDetail } from './messages-api.ts';
import { patientStatusText } from './message-text.ts';
import { ReplyForm } from './reply-form.tsx';
import './messages.css';


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
        <PatientReply threadId={thread.id} />
      ) : (
        <Paragraph>{thread.kind === 'letter' ? t('messages.thread.letterNoReply') : t('messages.thread.closedNoReply')}</Paragraph>
      )}
    </>
  );
}

function PatientReply({ threadId }: { threadId: string }) {
  const t = useT();
  return (
    <ReplyForm
      send={useReply(threadId)}
      texts={{ title: t('messages.reply.title'), body: t('messages.reply.body'), submit: t('messages.reply.submit'), sent: t('messages.reply.sent') }}
    />
  );
}
