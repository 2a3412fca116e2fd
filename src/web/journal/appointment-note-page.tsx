// "/ansatt/timer/:appointmentId/journal": the clinician writes the journal note for a visit they had (a video call that
// ends comes straight here, with the call's chat offered for copying: see call-chat.ts). Written once.
import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { displayName } from '../identity/display-name.ts';
import { RequireSession } from '../identity/require-session.tsx';
import { AppLink } from '../platform/app-link.tsx';
import { Facts } from '../platform/facts.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { useIsStaff } from '../staff/use-is-staff.ts';
import { chatFor, dropChat } from './call-chat.ts';
import type { JournalNote } from '../../shared/journal-api.ts';
import { NoteEditor } from './note-editor.tsx';
import { useAppointmentNote, useCorrectNote, useWriteNote, type AppointmentNoteView } from './journal-api.ts';
import { NoteCard } from './note-card.tsx';
import './journal.css';

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
  return (
    <NoteEditor
      initial={{ title: t(`journal.note.defaultTitle.${view.appointment.visitType}`), body: '' }}
      labelledBy="journal-form-heading"
      intro={
        <Heading id="journal-form-heading" level={2} data-size="xs">
          {t('journal.note.write')}
        </Heading>
      }
      bodyHint={t('journal.note.bodyHint')}
      insert={chat.length > 0 ? { label: t('journal.note.insertChat', { count: chat.length }), text: [t('journal.note.chatHeading'), ...chat].join('\n') } : undefined}
      submitLabel={t('journal.note.save')}
      pending={write.isPending}
      error={write.isError ? write.error : null}
      onSubmit={(input) => write.mutate(input, { onSuccess: () => dropChat(view.appointment.id) })}
    />
  );
}

/** The author corrects: a new version, the old one kept and shown. */
function Correction({ appointmentId, note }: { appointmentId: string; note: JournalNote }) {
  const t = useT();
  const correct = useCorrectNote(appointmentId);
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <div>
        <Button type="button" variant="secondary" onClick={() => (correct.reset(), setOpen(true))}>
          {t('journal.correct')}
        </Button>
      </div>
    );
  }
  return (
    <NoteEditor
      initial={{ title: note.title, body: note.body }}
      label={t('journal.correct')}
      intro={<Paragraph data-size="sm">{t('journal.correctHint')}</Paragraph>}
      submitLabel={t('journal.saveCorrection')}
      pending={correct.isPending}
      error={correct.isError ? correct.error : null}
      onSubmit={(input) => correct.mutate({ noteId: note.id, ...input }, { onSuccess: () => setOpen(false) })}
      onCancel={() => setOpen(false)}
    />
  );
}
