// The e-consultation's JSON views (types in src/shared/econsult-api.ts), built from rows.
import type { CaseEventView, CaseSummary, CaseView, MessageView, PhotoView, QueueItem, StaffCaseView } from '../../shared/econsult-api.ts';
import type { Answers } from '../../shared/econsult/questionnaire.ts';
import type { Db } from '../platform/db/database.ts';
import { ageOn } from '../../shared/national-id.ts';
import { localDate } from '../../shared/time.ts';
import { urgency } from './domain.ts';
import { urgency as urgencyAt } from '../../shared/econsult/deadline.ts';
import * as store from './store.ts';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function photoView(p: Awaited<ReturnType<typeof store.photosOf>>[number]): PhotoView {
  return {
    id: p.id,
    url: `/api/econsult/photos/${p.id}`,
    thumbUrl: `/api/econsult/photos/${p.id}?variant=thumb`,
    width: p.width,
    height: p.height,
    thumbWidth: p.thumb_width,
    thumbHeight: p.thumb_height,
    afterSubmit: p.after_submit,
    createdAt: p.created_at.toISOString(),
  };
}

function messageView(m: Awaited<ReturnType<typeof store.messagesOf>>[number]): MessageView {
  return { id: m.id, authorRole: m.author_role, authorName: m.author_name, kind: m.kind, body: m.body, createdAt: m.created_at.toISOString() };
}

export async function caseView(db: Db, c: store.CaseRow): Promise<CaseView> {
  const [clinic, patient, photos, messages] = await Promise.all([store.econsultClinic(db, c.clinic_id), store.person(db, c.patient_id), store.photosOf(db, c.id), store.messagesOf(db, c.id)]);
  return {
    id: c.id,
    status: c.status,
    version: c.version,
    clinic: { id: clinic!.id, name: clinic!.name, country: clinic!.country, phone: clinic!.phone, timeZone: clinic!.time_zone },
    patient: { id: c.patient_id, name: patient?.name ?? null },
    reasonId: c.reason_id,
    questionnaireVersion: c.questionnaire_version,
    answers: c.answers as unknown as Answers,
    flags: c.flags as CaseView['flags'],
    description: c.description,
    photos: photos.map(photoView),
    messages: messages.map(messageView),
    price: c.price_ore === null || c.price_rule === null ? null : { amountOre: c.price_ore, currency: clinic!.country === 'SE' ? 'SEK' : 'NOK', rule: c.price_rule },
    paymentId: c.payment_id,
    paymentDeclined: c.status === 'draft' && c.payment_declined_at !== null,
    createdAt: c.created_at.toISOString(),
    submittedAt: iso(c.submitted_at),
    dueAt: iso(c.due_at),
    closedAt: iso(c.closed_at),
    outcome: c.outcome,
    outcomeSummary: c.outcome_summary,
  };
}

export async function staffCaseView(db: Db, c: store.CaseRow, myPractitionerId: string | undefined, now = new Date()): Promise<StaffCaseView> {
  const base = await caseView(db, c);
  const [patient, events, earlier, holder] = await Promise.all([
    store.person(db, c.patient_id),
    store.eventsOf(db, c.id),
    store.earlierCases(db, c.clinic_id, c.patient_id, c.id),
    c.claimed_by ? db.selectFrom('practitioners as pr').innerJoin('persons as p', 'p.id', 'pr.person_id').select(['pr.id', 'p.name']).where('pr.id', '=', c.claimed_by).executeTakeFirst() : undefined,
  ]);
  const live = c.status === 'open' || c.status === 'claimed' || c.status === 'waiting_for_patient';
  return {
    ...base,
    patient: { id: c.patient_id, name: patient?.name ?? null, birthDate: patient!.birth_date, age: ageOn(patient!.birth_date, localDate(now, base.clinic.timeZone)) },
    claimedBy: holder ? { id: holder.id, name: holder.name } : null,
    mine: Boolean(myPractitionerId && c.claimed_by === myPractitionerId),
    urgency: live && c.due_at ? urgency(c.due_at, now) : null,
    events: events.map(
      (e): CaseEventView => ({ at: e.at.toISOString(), action: e.action, fromStatus: e.from_status, toStatus: e.to_status, actorName: e.actor_name }),
    ),
    earlierCases: earlier.map((e) => ({ id: e.id, reasonId: e.reason_id, submittedAt: iso(e.submitted_at), closedAt: iso(e.closed_at), outcome: e.outcome, status: e.status })),
  };
}

export function summaryView(r: Awaited<ReturnType<typeof store.casesFor>>[number]): CaseSummary {
  return {
    id: r.id,
    status: r.status,
    reasonId: r.reason_id,
    patientId: r.patient_id,
    patientName: r.patient_name,
    clinicName: r.clinic_name,
    createdAt: r.created_at.toISOString(),
    submittedAt: iso(r.submitted_at),
    dueAt: iso(r.due_at),
    closedAt: iso(r.closed_at),
    outcome: r.outcome,
  };
}

export function queueItemView(r: store.QueueRow, myPractitionerId: string | undefined, holderName: string | null, now: Date): QueueItem {
  return {
    id: r.id,
    status: r.status,
    reasonId: r.reason_id,
    submittedAt: new Date(r.submitted_ms).toISOString(),
    dueAt: new Date(r.due_ms).toISOString(),
    urgency: urgencyAt(r.due_ms, now.getTime()),
    claimedBy: r.claimed_by ? { id: r.claimed_by, name: holderName } : null,
    mine: Boolean(myPractitionerId && r.claimed_by === myPractitionerId),
    patientAge: r.patient_age ?? 0,
    flagCount: Number(r.flag_count),
    photoCount: r.photo_count,
  };
}
