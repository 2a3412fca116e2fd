// One journal note at its newest version, with who wrote it where and when, and its earlier versions (never hidden):
// the same for the patient's journal and the clinician's page for a visit.
import { Heading, Paragraph } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import type { JournalNote } from '../../shared/journal-api.ts';
import { displayName } from '../identity/display-name.ts';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';

const text = { whiteSpace: 'pre-wrap' } as const;

export function NoteCard({ note, headingLevel = 2, children }: { note: JournalNote; headingLevel?: 2 | 3; children?: ReactNode }) {
  const t = useT();
  const format = useFormat();
  const headingId = `journal-note-${note.id}`;
  return (
    <article className="nl-journal-note" aria-labelledby={headingId}>
      <Heading id={headingId} level={headingLevel} data-size="xs">
        {note.title}
      </Heading>
      <Paragraph data-size="sm">
        {t('journal.writtenBy', { date: format.dateTime(note.firstWrittenAt), name: displayName(note.authorName, t), profession: t(`profession.${note.authorProfession}`), clinic: note.clinicName })}
      </Paragraph>
      {note.version > 1 && <Paragraph data-size="sm">{t('journal.corrected', { date: format.dateTime(note.createdAt), version: note.version })}</Paragraph>}
      <Paragraph style={text}>{note.body}</Paragraph>
      {note.earlier.length > 0 && (
        <details>
          <summary>{t('journal.earlier', { count: note.earlier.length })}</summary>
          {note.earlier.map((v) => (
            <section key={v.id} aria-label={t('journal.version', { version: v.version, date: format.dateTime(v.createdAt), name: displayName(v.authorName, t) })}>
              <Paragraph data-size="sm">{t('journal.version', { version: v.version, date: format.dateTime(v.createdAt), name: displayName(v.authorName, t) })}</Paragraph>
              <Paragraph style={text}>{v.body}</Paragraph>
            </section>
          ))}
        </details>
      )}
      {children}
    </article>
  );
}
