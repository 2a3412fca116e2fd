// The patient's journal (their own, or a young child's: DOMAIN.md keeps it from parents once the child is 12) and the
// clinician's correction of a note they wrote, which adds a version and never changes the old one.
import type { Db } from '../platform/db/database.ts';
import type { SessionInfo } from '../platform/http/access.ts';
import { Conflict, NotFound } from '../platform/http/errors.ts';
import { recordAccess } from '../platform/audit.ts';
import type { JournalNote } from '../../shared/journal-api.ts';
import { requireFullAccess } from '../identity/service.ts';
import * as store from './store.ts';
import { noteView } from './views.ts';

/** The subject's journal for a patient session: themself, or a child they have full access for (under 12). */
export async function journalFor(db: Db, session: SessionInfo, subjectId: string): Promise<JournalNote[]> {
  await requireFullAccess(db, session.personId, subjectId);
  return store.chains(await store.notesOfPatient(db, subjectId)).map(noteView);
}

/** A correction by the note's author, at the note's clinic; a version already corrected is refused (409). */
export async function correctNote(db: Db, session: SessionInfo, requestId: string, noteId: string, input: { title: string; body: string }): Promise<JournalNote> {
  const note = await store.noteById(db, noteId);
  if (!note || note.clinic_id !== session.clinicId || note.author_person_id !== session.personId) throw NotFound();
  const added = await db.transaction().execute(async (tx) => {
    const row = await store.insertCorrection(tx, note, input);
    if (row) await recordAccess(tx, { actorPersonId: session.personId, actorKind: 'staff', subjectPersonId: note.patient_id, clinicId: session.clinicId, action: 'journal.note.correct', reason: 'treatment', requestId });
    return row;
  });
  if (!added) throw Conflict('problem.journal-note-replaced');
  const chain = store.chains(await store.notesOfPatient(db, note.patient_id)).find((c) => c.some((v) => v.id === added.id))!;
  return noteView(chain);
}
