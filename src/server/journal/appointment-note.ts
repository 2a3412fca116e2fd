// The journal note for an appointment, written by the clinician who had it once the visit is completed (a video call
// ends straight into it). Reading and writing are audited accesses to the patient's record.
import type { Db } from '../platform/db/database.ts';
import type { SessionInfo } from '../platform/http/access.ts';
import { Conflict, NotFound } from '../platform/http/errors.ts';
import { recordAccess } from '../platform/audit.ts';
import type { JournalNote } from '../../shared/journal-api.ts';
import { completeWithin } from '../booking/service.ts';
import * as store from './store.ts';
import { noteView } from './views.ts';

export interface AppointmentNoteView {
  appointment: { id: string; startsAt: string; visitType: string; status: string; patient: { id: string; name: string | null } };
  note: JournalNote | null;
  /** No note yet, and the visit took place (completed, or booked and begun): the clinician may write it. */
  mayWrite: boolean;
}

/** A visit is documented once it has begun; writing its note marks a booked one completed. */
const begun = (a: { status: string; starts_at: Date | string }, now: Date) => a.status === 'completed' || (a.status === 'booked' && new Date(a.starts_at).getTime() <= now.getTime());

/** The appointment if it is the session clinician's own at their clinic; others' (or another clinic's) are not found. */
async function ownAppointment(db: Db, session: SessionInfo, appointmentId: string) {
  const a = await store.appointmentAt(db, appointmentId, session.clinicId!, session.personId);
  if (!a || !a.mine) throw NotFound();
  return a;
}

async function audit(db: Db, session: SessionInfo, patientId: string, action: string, requestId: string): Promise<void> {
  await recordAccess(db, { actorPersonId: session.personId, actorKind: 'staff', subjectPersonId: patientId, clinicId: session.clinicId, action, reason: 'treatment', requestId });
}

async function view(db: Db, a: NonNullable<Awaited<ReturnType<typeof store.appointmentAt>>>): Promise<AppointmentNoteView> {
  const versions = await store.noteVersions(db, 'appointment', a.id);
  return {
    appointment: { id: a.id, startsAt: new Date(a.starts_at).toISOString(), visitType: a.visit_type, status: a.status, patient: { id: a.patient_id, name: a.patient_name } },
    note: versions.length ? noteView(store.chains(versions)[0]!) : null,
    mayWrite: versions.length === 0 && begun(a, new Date()),
  };
}

export async function readAppointmentNote(db: Db, session: SessionInfo, requestId: string, appointmentId: string): Promise<AppointmentNoteView> {
  const a = await ownAppointment(db, session, appointmentId);
  await audit(db, session, a.patient_id, 'journal.appointment-note.read', requestId);
  return view(db, a);
}

export async function writeAppointmentNote(db: Db, session: SessionInfo, requestId: string, appointmentId: string, input: { title: string; body: string }): Promise<AppointmentNoteView> {
  const a = await ownAppointment(db, session, appointmentId);
  if (!begun(a, new Date())) throw Conflict('problem.journal-visit-not-completed');
  const written = await db.transaction().execute(async (tx) => {
    if (a.status === 'booked' && !(await completeWithin(tx, a.id))) throw Conflict('problem.journal-visit-not-completed');
    const note = await store.insertNote(tx, { patientId: a.patient_id, clinicId: a.clinic_id, authorPractitionerId: a.practitioner_id, sourceKind: 'appointment', sourceId: a.id, title: input.title, body: input.body });
    if (note) await recordAccess(tx, { actorPersonId: session.personId, actorKind: 'staff', subjectPersonId: a.patient_id, clinicId: session.clinicId, action: 'journal.appointment-note.write', reason: 'treatment', requestId });
    return note;
  });
  if (!written) throw Conflict('problem.journal-note-exists');
  return view(db, (await store.appointmentAt(db, a.id, a.clinic_id, session.personId))!);
}
