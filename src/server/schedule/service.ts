// Schedule use cases: read, replace weekly rules, preview / add / remove exceptions. Each change is one transaction.
import type { Db, Tx } from '../platform/db/database.ts';
import { recordAccess } from '../platform/audit.ts';
import { DomainError, Forbidden, Invalid, NotFound } from '../platform/http/errors.ts';
import { localDate } from '../../shared/time.ts';
import { cancelWithin, holdClinician, type BookingDeps } from '../booking/service.ts';
// The one step of booking this capability takes inside its own transaction (see the report on service boundaries).
import { exceptionProblem, mayEditSchedule, normaliseRules, outsideHours, type ExceptionKind, type RuleInput } from './domain.ts';
import * as store from './store.ts';
import { affectedView, exceptionView, ruleView, type AffectedView } from './views.ts';
import { appointmentTopic } from '../booking/topics.ts';

export type ScheduleDeps = BookingDeps;

export interface ScheduleActor {
  personId: string;
  clinicId: string;
  roles: string[];
  requestId: string;
}

/** The clinician, if the actor may change their schedule: 404 outside the clinic, 403 for someone else's. */
async function editable(db: Db | Tx, actor: ScheduleActor, practitionerId: string) {
  const clinician = await store.clinicianAt(db, actor.clinicId, practitionerId);
  if (!clinician) throw NotFound();
  if (!mayEditSchedule(actor, clinician.person_id)) throw Forbidden('problem.not-your-schedule');
  return clinician;
}

async function audit(db: Db | Tx, actor: ScheduleActor, rows: Array<{ patient_id: string }>, action: string, reason: string): Promise<void> {
  for (const patientId of new Set(rows.map((r) => r.patient_id))) {
    await recordAccess(db, { actorPersonId: actor.personId, actorKind: 'staff', subjectPersonId: patientId, clinicId: actor.clinicId, action, reason, requestId: actor.requestId });
  }
}

export async function scheduleOf(db: Db, actor: ScheduleActor, practitionerId?: string) {
  const zone = await store.clinicZone(db, actor.clinicId);
  const { clinicians, rules, exceptions } = await store.cliniciansWithRules(db, actor.clinicId, practitionerId);
  if (practitionerId && clinicians.length === 0) throw NotFound();
  return {
    timeZone: zone,
    clinicians: clinicians.map((c) => ({
      ...c,
      rules: rules.filter((r) => r.practitioner_id === c.id).map(ruleView),
      exceptions: exceptions.filter((e) => e.practitioner_id === c.id).map((e) => exceptionView(e, zone)),
    })),
  };
}

/** Replaces the clinician's weekly rules; booked appointments stay booked, and those now outside the hours are listed. */
export async function replaceRules(deps: ScheduleDeps, actor: ScheduleActor, practitionerId: string, input: RuleInput[], now = new Date()) {
  await editable(deps.db, actor, practitionerId);
  const zone = await store.clinicZone(deps.db, actor.clinicId);
  const checked = normaliseRules(input, localDate(now, zone));
  if ('problem' in checked) {
    throw checked.overlapOn ? new DomainError('invalid', 'problem.schedule-overlap', { weekday: checked.overlapOn }) : Invalid('problem.invalid', { detail: checked.problem });
  }
  return deps.db.transaction().execute(async (tx) => {
    await store.replaceRules(tx, actor.clinicId, practitionerId, checked.rules);
    const booked = await store.bookedBetween(tx, actor.clinicId, practitionerId, now, null, now);
    const outside = outsideHours(checked.rules, booked.map((b) => ({ ...b, start: b.starts_at, end: b.ends_at })), zone);
    await audit(tx, actor, outside, 'schedule.outside-hours.read', 'appointments outside the new opening hours');
    const saved = await store.cliniciansWithRules(tx, actor.clinicId, practitionerId);
    return { rules: saved.rules.map(ruleView), outsideHours: outside.map((a) => affectedView(a, zone)) };
  });
}

export interface ExceptionInput {
  startsAt: Date;
  endsAt: Date;
  kind: ExceptionKind;
}

function checkPeriod(e: ExceptionInput): void {
  const problem = exceptionProblem(e.startsAt, e.endsAt);
  if (problem) throw Invalid('problem.invalid', { detail: problem });
}

/** The booked appointments an exception would cancel. Nothing is written but the audit of who saw which patient. */
export async function previewException(deps: ScheduleDeps, actor: ScheduleActor, practitionerId: string, e: ExceptionInput, now = new Date()) {
  await editable(deps.db, actor, practitionerId);
  checkPeriod(e);
  const zone = await store.clinicZone(deps.db, actor.clinicId);
  const affected = await store.bookedBetween(deps.db, actor.clinicId, practitionerId, e.startsAt, e.endsAt, now);
  await audit(deps.db, actor, affected, 'schedule.exception.preview', 'appointments a schedule exception would cancel');
  return { affected: affected.map((a) => affectedView(a, zone)) };
}

/** Someone booked or cancelled since the preview: the caller must look again. */
class AffectedChanged extends Error {
  readonly rows: store.BookedRow[];
  constructor(rows: store.BookedRow[]) {
    super('affected appointments changed');
    this.rows = rows;
  }
}

/** Cancels each appointment in the transaction and tells its patient; the audit names the reason. */
async function cancelAll(deps: ScheduleDeps, tx: Tx, rows: store.BookedRow[], byPersonId: string, audited: (patientId: string) => Promise<void>): Promise<string[]> {
  const cancelled: string[] = [];
  for (const a of rows) {
    if (!(await cancelWithin(deps, tx, a.id, byPersonId))) continue;
    await audited(a.patient_id);
    cancelled.push(a.id);
  }
  return cancelled;
}

/**
 * Saves the exception and cancels the booked appointments inside it, each patient notified, all in one transaction.
 * `confirmAffected` is how many the user saw in the preview; any other count now is a 409 with the new list.
 */
export async function addException(deps: ScheduleDeps, actor: ScheduleActor, practitionerId: string, e: ExceptionInput & { confirmAffected: number }, now = new Date()) {
  await editable(deps.db, actor, practitionerId);
  checkPeriod(e);
  const zone = await store.clinicZone(deps.db, actor.clinicId);
  let result: { exception: ReturnType<typeof exceptionView>; cancelled: AffectedView[] };
  try {
    result = await deps.db.transaction().execute(async (tx) => {
      await holdClinician(tx, practitionerId);
      const affected = await store.bookedBetween(tx, actor.clinicId, practitionerId, e.startsAt, e.endsAt, now);
      if (affected.length !== e.confirmAffected) throw new AffectedChanged(affected);
      const saved = await store.insertException(tx, { practitionerId, startsAt: e.startsAt, endsAt: e.endsAt, kind: e.kind, createdBy: actor.personId });
      const reason = `clinician unavailable (${e.kind})`;
      const ids = await cancelAll(deps, tx, affected, actor.personId, (patientId) =>
        recordAccess(tx, { actorPersonId: actor.personId, actorKind: 'staff', subjectPersonId: patientId, clinicId: actor.clinicId, action: 'appointment.cancel', reason, requestId: actor.requestId }),
      );
      return { exception: exceptionView(saved, zone), cancelled: affected.filter((a) => ids.includes(a.id)).map((a) => affectedView(a, zone)) };
    });
  } catch (err) {
    if (!(err instanceof AffectedChanged)) throw err;
    await audit(deps.db, actor, err.rows, 'schedule.exception.preview', 'appointments a schedule exception would cancel');
    throw new DomainError('conflict', 'problem.affected-changed', { count: err.rows.length }, { affected: err.rows.map((a) => affectedView(a, zone)) });
  }
  for (const a of result.cancelled) await deps.bus.publish(appointmentTopic(a.appointmentId), { type: 'cancelled', appointmentId: a.appointmentId });
  return result;
}

/** Removing an exception opens its slots again; appointments it cancelled stay cancelled (the patients were told). */
export async function removeException(deps: ScheduleDeps, actor: ScheduleActor, id: string): Promise<void> {
  const found = await store.exception(deps.db, id);
  if (!found) throw NotFound();
  await editable(deps.db, actor, found.practitioner_id);
  await deps.db.transaction().execute(async (tx) => {
    if (!(await store.deleteException(tx, id))) throw NotFound();
  });
}
