// "/innboks": every thread and letter of the patient (and of the children they act for), newest first, unread ones
// marked in words as well as in looks, with search; and the patient's health contacts with a way to write to each.
import { Button, Heading, Link, Paragraph, Tag, Textfield } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { displayName } from '../identity/display-name.ts';
import { RequireSession } from '../identity/require-session.tsx';
import { AppLink } from '../platform/app-link.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { Section } from '../platform/section.tsx';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { useInbox, useMessageClinics, type InboxThread, type MessageClinic } from './messages-api.ts';
import { capitalise, concernsText, newMessagePath, patientStatusText, professionText } from './message-text.ts';
import './messages.css';

export function InboxPage() {
  const t = useT();
  return (
    <Page title={t('messages.inbox.title')}>
      <RequireSession kind="patient">{() => <Inbox />}</RequireSession>
    </Page>
  );
}

function Inbox() {
  const t = useT();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const inbox = useInbox(q);
  const searchId = useId();

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setQ(draft);
  }

  return (
    <>
      <Paragraph>{t('messages.inbox.intro')}</Paragraph>
      <Paragraph>
        <AppLink to="/innboks/ny">{t('messages.new.link')}</AppLink>
      </Paragraph>
      <Section title={t('messages.inbox.threads')}>
        <form role="search" className="nl-message-search" onSubmit={search} aria-label={t('messages.search.label')}>
          <Textfield id={searchId} type="search" label={t('messages.search.label')} description={t('messages.search.hint')} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <Button type="submit" variant="secondary">
            {t('messages.search.submit')}
          </Button>
        </form>
        <QueryState query={inbox} loginKind="patient">
          {(threads) => (
            <>
              <Paragraph aria-live="polite" data-size="sm">
                {q.trim() ? t('messages.search.result', { count: threads.length, q: q.trim() }) : threads.length === 0 ? '' : unreadText(threads, t)}
              </Paragraph>
              {threads.length === 0 ? (
                <Paragraph>{q.trim() ? t('messages.search.none') : t('messages.inbox.empty')}</Paragraph>
              ) : (
                <ul className="nl-thread-list">
                  {threads.map((thread) => (
                    <li key={thread.id}>
                      <ThreadItem thread={thread} />
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </QueryState>
      </Section>
      <HealthContacts />
    </>
  );
}

function unreadText(threads: InboxThread[], t: ReturnType<typeof useT>): string {
  const unread = threads.filter((x) => x.unread).length;
  return unread === 0 ? t('messages.inbox.noUnread') : t(unread === 1 ? 'messages.inbox.unread.one' : 'messages.inbox.unread.other', { count: unread });
}

function ThreadItem({ thread }: { thread: InboxThread }) {
  const t = useT();
  const format = useFormat();
  return (
    <article className={`nl-thread-item${thread.unread ? ' nl-thread-item--unread' : ''}`} aria-labelledby={`thread-${thread.id}`}>
      <Heading level={3} data-size="xs" className="nl-thread-item__heading">
        <span id={`thread-${thread.id}`} className="nl-thread-item__title">
          <AppLink to={`/innboks/${encodeURIComponent(thread.id)}`}>
            {thread.subject}
            {thread.unread && <span className="ds-sr-only"> ({t('messages.unread')})</span>}
          </AppLink>
        </span>
        {thread.unread && (
          <Tag data-color="info" data-size="sm" aria-hidden="true">
            {t('messages.unread')}
          </Tag>
        )}
      </Heading>
      <Paragraph data-size="sm">
        {t(`messages.kind.${thread.kind}`)} · {thread.clinic.name ?? ''} · {concernsText(thread, t)}
      </Paragraph>
      <Paragraph data-size="sm" className="nl-muted">
        {patientStatusText(thread, t)} · <time dateTime={thread.lastMessageAt}>{t('messages.lastMessage', { date: format.dateTime(thread.lastMessageAt) })}</time>
      </Paragraph>
      {thread.preview && <Paragraph data-size="sm" className="nl-thread-item__preview">{thread.preview}</Paragraph>}
    </article>
  );
}

/** The people assigned to the patient at each clinic (the GP, the care coordinator, contact people), then the office. */
function HealthContacts() {
  const t = useT();
  const clinics = useMessageClinics();
  return (
    <Section title={t('messages.contacts.title')}>
      <QueryState query={clinics} loginKind="patient">
        {(list) => (list.length === 0 ? <Paragraph>{t('messages.contacts.none')}</Paragraph> : list.map((c) => <ClinicContacts key={c.id} clinic={c} />))}
      </QueryState>
    </Section>
  );
}

function ClinicContacts({ clinic }: { clinic: MessageClinic }) {
  const t = useT();
  const writable = clinic.offers.includes('clinical');
  const listed = clinic.contacts.length > 0 || clinic.offers.includes('admin');
  return (
    <section className="nl-section" aria-labelledby={`contacts-${clinic.id}`}>
      <Heading id={`contacts-${clinic.id}`} level={3} data-size="xs">
        {clinic.name}
      </Heading>
      {listed && (
        <ul className="nl-contact-list">
          {clinic.contacts.map((c) => (
            <li key={`${c.role}-${c.practitionerId}`}>
              <strong>{displayName(c.name, t)}</strong>
              <span>{t(`messages.contacts.as.${c.role}`)}</span>
              <span>{capitalise(t('messages.contacts.role', { profession: professionText(c.profession, t), clinic: clinic.name }))}</span>
              {writable && (
                <AppLink to={newMessagePath(clinic.id, { kind: 'clinical', practitionerId: c.practitionerId })}>{t('messages.contacts.writeTo', { name: displayName(c.name, t) })}</AppLink>
              )}
            </li>
          ))}
          {clinic.offers.includes('admin') && (
            <li>
              <strong>{t('messages.contacts.office')}</strong>
              <span>{t('messages.contacts.officeHint')}</span>
              <AppLink to={newMessagePath(clinic.id, { kind: 'admin' })}>{t('messages.contacts.writeOffice', { clinic: clinic.name })}</AppLink>
            </li>
          )}
        </ul>
      )}
      {clinic.offers.length === 0 && <ClinicContactDetails clinic={clinic} />}
    </section>
  );
}

/** How to reach a clinic that takes no messages online: its phone, e-mail, address and website, as the server gives them. */
export function ClinicContactDetails({ clinic }: { clinic: MessageClinic }) {
  const t = useT();
  const c = clinic.contact;
  return (
    <div className="nl-section">
      <Paragraph>{t('messages.contacts.noMessages', { clinic: clinic.name })}</Paragraph>
      <ul className="nl-plain-list">
        {c.phone && (
          <li>
            {t('messages.contact.phone')}: <Link href={`tel:${c.phone.replace(/\s+/g, '')}`}>{c.phone}</Link>
          </li>
        )}
        {c.email && (
          <li>
            {t('messages.contact.email')}: <Link href={`mailto:${c.email}`}>{c.email}</Link>
          </li>
        )}
        {c.address && (
          <li>
            {t('messages.contact.address')}: {c.address}
          </li>
        )}
        {c.website && (
          <li>
            {t('messages.contact.website')}: <Link href={c.website}>{c.website}</Link>
          </li>
        )}
      </ul>
    </div>
  );
}
