// "/ansatt/timer/:appointmentId/journal": the clinician writes the journal note for a visit they had (a video call that
// ends comes straight here, with the call's chat offered for copying: see call-chat.ts). Written once.
import { Alert, Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { displayName } from '../identity/display-name.ts';
import { RequireSession } from '../identity/require-session.tsx';
import { AppLink } from '../platform/app-link.tsx';
import { Facts } from '../platform/facts.tsx';
import { Page } from '../platform/page.tsx';
import { problemText } from '../platform/problem-message.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { useIsStaff } from '../staff/use-is-staff.ts';
import { chatFor, dropChat } from './call-chat.ts';
import type { JournalNote } from '../../shared/journal-api.ts';
import { useAppointmentNote, useCorrectNote, useWriteNote, type AppointmentNoteView } from './journal-api.ts';
import { NoteCard } from './note-card.tsx';
import './journal.css';

const MAX_TITLE = 200;
const MAX_NOTE = 20_000;

export function AppointmentNotePage() {
  const t = useT();
  const { appointmentId = '' } = useParams();
  const view = useAppointmentNote(appointmentId, useIsStaff());
  return (
    <Page title={t('journal.note.title')}>
      <RequireSession kind="staff">
        {() => (
          <>
            <Alert data-color="info">
              <Paragraph>{t('staff.accessLogged')}</Paragraph>
            </Alert>
            <QueryState query={view} loginKind="staff">
              {(v) => <NoteFor view={v} />}
            </QueryState>
          </>
        )}
      </RequireSession>
    </Page>
  );
}

function NoteFor({ view }: { view: AppointmentNoteView }) {
  const t = useT();
  const format = useFormat();
  const { appointment: a, note } = view;
  const patient = displayName(a.patient.name, t);
  return (
    <>
      <Facts
        items={[
          [t('journal.note.patient'), patient],
          [t('journal.note.visit'), `${t(`booking.visitType.${a.visitType}`)}, ${format.dateTime(a.startsAt)}`],
        ]}
      />
      {note ? (
        <NoteCard note={note}>
          <Correction appointmentId={a.id} note={note} />
        </NoteCard>
      ) : view.mayWrite ? (
        <NoteForm view={view} />
      ) : (
        <Alert data-color="warning">
          <Paragraph>{t('journal.note.notYet')}</Paragraph>
        </Alert>
      )}
      <Paragraph>
        <AppLink to={`/ansatt/pasient/${a.patient.id}`}>{t('video.clinician.toPatient', { name: patient })}</AppLink>
      </Paragraph>
    </>
  );
}

function NoteForm({ view }: { view: AppointmentNoteView }) {
  const t = useT();
  const write = useWriteNote(view.appointment.id);
  const [chat] = useState(() => chatFor(view.appointment.id));
  const [title, setTitle] = useState(() => t(`journal.note.defaultTitle.${view.appointment.visitType}`));
  const [body, setBody] = useState('');
  const [shown, setShown] = useState(false);
  const problems = {
    title: title.trim() === '' ? t('journal.note.titleMissing') : title.length > MAX_TITLE ? t('booking.reason.tooLong', { max: MAX_TITLE }) : undefined,
    body: body.trim() === '' ? t('journal.note.bodyMissing') : body.length > MAX_NOTE ? t('booking.reason.tooLong', { max: MAX_NOTE }) : undefined,
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (write.isPending) return;
    setShown(true);
    if (problems.title || problems.body) return document.getElementById(problems.title ? 'journal-title' : 'journal-body')?.focus();
    write.mutate({ title: title.trim(), body: body.trim() }, { onSuccess: () => dropChat(view.appointment.id) });
  }

  return (
    <form className="nl-form" noValidate onSubmit={submit} aria-labelledby="journal-form-heading">
      <Heading id="journal-form-heading" level={2} data-size="xs">
        {t('journal.note.write')}
      </Heading>
      <Textfield id="journal-title" label={t('journal.note.titleLabel')} value={title} onChange={(e) => setTitle(e.target.value)} error={shown ? problems.title : undefined} />
      <Textfield id="journal-body" multiline rows={10} label={t('journal.note.bodyLabel')} description={t('journal.note.bodyHint')} value={body} onChange={(e) => setBody(e.target.value)} error={shown ? problems.body : undefined} />
      {chat.length > 0 && (
        <div>
          <Button type="button" variant="secondary" onClick={() => setBody((b) => [b.trim(), t('journal.note.chatHeading'), ...chat].filter(Boolean).join('\n'))}>
            {t('journal.note.insertChat', { count: chat.length })}
          </Button>
        </div>
      )}
      <div aria-live="polite" className="nl-form__status">
        {write.isError && (
          <Alert data-color="danger">
            <Paragraph>{problemText(write.error, t)}</Paragraph>
          </Alert>
        )}
      </div>
      <div>
        <Button type="submit" loading={write.isPending}>
          {t('journal.note.save')}
        </Button>
      </div>
    </form>
  );
}

/** The author corrects: a new version, the old one kept and shown. */
function Correction({ appointmentId, note }: { appointmentId: string; note: JournalNote }) {
  const t = useT();
  const correct = useCorrectNote(appointmentId);
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(note.title);
  const [body, setBody] = useState(note.body);
  const [shown, setShown] = useState(false);
  const problems = {
    title: title.trim() === '' ? t('journal.note.titleMissing') : title.length > MAX_TITLE ? t('booking.reason.tooLong', { max: MAX_TITLE }) : undefined,
    body: body.trim() === '' ? t('journal.note.bodyMissing') : body.length > MAX_NOTE ? t('booking.reason.tooLong', { max: MAX_NOTE }) : undefined,
  };
  if (!open) {
    return (
      <div>
        <Button type="button" variant="secondary" onClick={() => (setTitle(note.title), setBody(note.body), setShown(false), setOpen(true))}>
          {t('journal.correct')}
        </Button>
      </div>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (correct.isPending) return;
    setShown(true);
    if (problems.title || problems.body) return document.getElementById(problems.title ? 'correction-title' : 'correction-body')?.focus();
    correct.mutate({ noteId: note.id, title: title.trim(), body: body.trim() }, { onSuccess: () => setOpen(false) });
  }

  return (
    <form className="nl-form" noValidate onSubmit={submit} aria-label={t('journal.correct')}>
      <Paragraph data-size="sm">{t('journal.correctHint')}</Paragraph>
      <Textfield id="correction-title" label={t('journal.note.titleLabel')} value={title} onChange={(e) => setTitle(e.target.value)} error={shown ? problems.title : undefined} />
      <Textfield id="correction-body" multiline rows={10} label={t('journal.note.bodyLabel')} value={body} onChange={(e) => setBody(e.target.value)} error={shown ? problems.body : undefined} />
      <div aria-live="polite" className="nl-form__status">
        {correct.isError && (
          <Alert data-color="danger">
            <Paragraph>{problemText(correct.error, t)}</Paragraph>
          </Alert>
        )}
      </div>
      <div className="nl-actions">
        <Button type="submit" loading={correct.isPending}>
          {t('journal.saveCorrection')}
        </Button>
        <Button type="button" variant="tertiary" onClick={() => setOpen(false)}>
          {t('journal.cancelCorrection')}
        </Button>
      </div>
    </form>
  );
}
