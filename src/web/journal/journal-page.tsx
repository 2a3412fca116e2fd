// "/min-side/journal": the patient's journal (or a young child's), newest first, each note with its corrections shown.
import { Paragraph } from '@digdir/designsystemet-react';
import { RequireSession } from '../identity/require-session.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useT } from '../i18n/index.tsx';
import { useJournal } from './journal-api.ts';
import { NoteCard } from './note-card.tsx';
import './journal.css';

export function JournalPage() {
  const t = useT();
  return (
    <Page title={t('journal.title')}>
      <RequireSession kind="patient">{() => <Journal />}</RequireSession>
    </Page>
  );
}

function Journal() {
  const t = useT();
  const journal = useJournal();
  return (
    <>
      <Paragraph>{t('journal.intro')}</Paragraph>
      <QueryState query={journal} loginKind="patient">
        {(data) =>
          data.notes.length === 0 ? (
            <Paragraph>{t('journal.empty')}</Paragraph>
          ) : (
            <ol className="nl-journal">
              {data.notes.map((note) => (
                <li key={note.id}>
                  <NoteCard note={note} />
                </li>
              ))}
            </ol>
          )
        }
      </QueryState>
    </>
  );
}
