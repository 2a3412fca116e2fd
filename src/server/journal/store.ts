// Journal notes in the database: one note per source (an e-consultation, an appointment), enforced by a unique key.
import type { Db, Tx } from '../platform/db/database.ts';
import type { JournalNoteTable } from './schema.ts';

type Conn = Db | Tx;

export interface NewNote {
  patientId: string;
  clinicId: string;
  authorPractitionerId: string;
  sourceKind: JournalNoteTable['source_kind'];
  sourceId: string;
  title: string;
  body: string;
}

/** The note, or undefined when the source already has one (the first note stands; nothing is overwritten). */
export async function insertNote(db: Conn, n: NewNote) {
  return db
    .insertInto('journal_notes')
    .values({ patient_id: n.patientId, clinic_id: n.clinicId, author_practitioner_id: n.authorPractitionerId, source_kind: n.sourceKind, source_id: n.sourceId, title: n.title, body: n.body })
    .onConflict((c) => c.columns(['source_kind', 'source_id']).doNothing())
    .returning(['id', 'title', 'body', 'created_at'])
    .executeTakeFirst();
}

/** The note written for a source, with its author's name. */
export async function noteOf(db: Conn, sourceKind: JournalNoteTable['source_kind'], sourceId: string) {
  return db
    .selectFrom('journal_notes as n')
    .innerJoin('practitioners as pr', 'pr.id', 'n.author_practitioner_id')
    .innerJoin('persons as p', 'p.id', 'pr.person_id')
    .select(['n.id', 'n.title', 'n.body', 'n.created_at', 'p.name as author_name'])
    .where('n.source_kind', '=', sourceKind)
    .where('n.source_id', '=', sourceId)
    .executeTakeFirst();
}

/** An appointment of the clinic with its patient and whether `personId` is the clinician who had it. */
export async function appointmentAt(db: Conn, appointmentId: string, clinicId: string, personId: string) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('practitioners as pr', 'pr.id', 'a.practitioner_id')
    .innerJoin('persons as patient', 'patient.id', 'a.patient_id')
    .select(['a.id', 'a.patient_id', 'a.clinic_id', 'a.practitioner_id', 'a.visit_type', 'a.status', 'a.starts_at', 'patient.name as patient_name', 'pr.person_id as practitioner_person_id'])
    .where('a.id', '=', appointmentId)
    .where('a.clinic_id', '=', clinicId)
    .executeTakeFirst()
    .then((row) => (row ? { ...row, mine: row.practitioner_person_id === personId } : undefined));
}
