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
    .values({ patient_id: n.patientId, clinic_id: n.clinicId, author_practitioner_id: n.authorPractitionerId, source_kind: n.sourceKind, source_id: n.sourceId, title: n.title, body: n.body, replaces_id: null })
    .onConflict((c) => c.columns(['source_kind', 'source_id']).where('replaces_id', 'is', null).doNothing())
    .returning(['id', 'title', 'body', 'created_at'])
    .executeTakeFirst();
}

/** Notes with their author (name, profession, person) and clinic, for the journal views. */
function withAuthor(db: Conn) {
  return db
    .selectFrom('journal_notes as n')
    .innerJoin('practitioners as pr', 'pr.id', 'n.author_practitioner_id')
    .innerJoin('persons as p', 'p.id', 'pr.person_id')
    .innerJoin('clinics as c', 'c.id', 'n.clinic_id')
    .select(['n.id', 'n.patient_id', 'n.clinic_id', 'n.author_practitioner_id', 'n.source_kind', 'n.source_id', 'n.title', 'n.body', 'n.created_at', 'n.replaces_id', 'n.version', 'p.name as author_name', 'pr.person_id as author_person_id', 'pr.profession as author_profession', 'c.name as clinic_name']);
}

export type NoteRow = Awaited<ReturnType<typeof notesOfPatient>>[number];

/** Every version of the note written for a source (the original and its corrections), oldest first. */
export async function noteVersions(db: Conn, sourceKind: JournalNoteTable['source_kind'], sourceId: string) {
  return withAuthor(db).where('n.source_kind', '=', sourceKind).where('n.source_id', '=', sourceId).orderBy('n.version').execute();
}

/** All of a patient's notes, every version. */
export async function notesOfPatient(db: Conn, patientId: string) {
  return withAuthor(db).where('n.patient_id', '=', patientId).orderBy('n.created_at').execute();
}

export async function noteById(db: Conn, id: string) {
  return withAuthor(db).where('n.id', '=', id).executeTakeFirst();
}

/** A correction of `of`: the next version, or undefined when `of` was corrected already (the newer one stands). */
export async function insertCorrection(db: Conn, of: { id: string; patient_id: string; clinic_id: string; author_practitioner_id: string; source_kind: JournalNoteTable['source_kind']; source_id: string | null; version: number }, input: { title: string; body: string }) {
  return db
    .insertInto('journal_notes')
    .values({ patient_id: of.patient_id, clinic_id: of.clinic_id, author_practitioner_id: of.author_practitioner_id, source_kind: of.source_kind, source_id: of.source_id, title: input.title, body: input.body, replaces_id: of.id, version: of.version + 1 })
    .onConflict((c) => c.column('replaces_id').doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** Notes grouped into chains (an original and its corrections, oldest first), newest chain first. */
export function chains(rows: NoteRow[]): NoteRow[][] {
  const next = new Map(rows.filter((r) => r.replaces_id).map((r) => [r.replaces_id!, r]));
  const out: NoteRow[][] = [];
  for (const root of rows.filter((r) => !r.replaces_id)) {
    const chain = [root];
    for (let n = next.get(root.id); n; n = next.get(n.id)) chain.push(n);
    out.push(chain);
  }
  return out.sort((a, b) => new Date(b[0]!.created_at).getTime() - new Date(a[0]!.created_at).getTime());
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
