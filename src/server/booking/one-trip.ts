// A patient's booking in one round trip (see bookInOneTrip); what it cannot settle goes through the transaction in service.ts.
import type { Selectable } from 'kysely';
import { isRetryable } from '../platform/db/database.ts';
import { pipeline } from '../platform/db/pipeline.ts';
import type { AppointmentTable } from '../platform/db/schema.ts';
import { accessRecordStatement, type AccessRecord } from '../platform/audit.ts';
import { isKeyTaken, keyClaimStatement, keyUsedExpression, type IdempotentResult } from '../platform/idempotency.ts';
import { CHANGED, TAKEN, plannedBookingStatements, takenProblem } from './planned-insert.ts';
import { newNoticeStatements, reminderStatements, type Audience } from './reminders.ts';
import type { Actor, BookingDeps } from './service.ts';
import type { AppointmentView } from './views.ts';

export const BOOK_SCOPE = 'appointment.book';

export const bookingAccess = (actor: Actor, relation: 'guardian' | 'staff', patientId: string, clinicId: string): AccessRecord => ({
  actorPersonId: actor.personId,
  actorKind: relation,
  subjectPersonId: patientId,
  clinicId,
  action: 'appointment.book',
  reason: relation === 'staff' ? 'booking on the patient\'s behalf' : 'parent acting for child',
  requestId: actor.requestId,
});

/**
 * A planned booking in one round trip (a pipeline: one transaction, see platform/db/pipeline.ts): the clinician's
 * shared lock, the insert, the idempotency key with its answer, the audit entry, the reminders and the confirmation.
 * Round trips, not work, are what a booking costs most here. Undefined when the transaction path is to settle it: the
 * schedule changed since it was planned, the key was used meanwhile (it replays), or PostgreSQL asks to try again.
 */
export async function bookInOneTrip(
  deps: BookingDeps,
  b: { planned: Selectable<AppointmentTable>; answer: { status: number; body: AppointmentView }; request: unknown; key: string | undefined; access: AccessRecord | undefined; rulesVersion: string[]; reminderOffsets: number[]; audience: Audience; now: Date },
): Promise<IdempotentResult<AppointmentView> | undefined> {
  const { planned, key } = b;
  const claim = keyClaimStatement(deps.db, { personId: planned.booked_by, scope: BOOK_SCOPE, key, request: b.request, answer: b.answer });
  const statements = [
    ...plannedBookingStatements(deps.db, planned, b.rulesVersion),
    ...(claim ? [claim] : []),
    ...(b.access ? [accessRecordStatement(deps.db, b.access)] : []),
    ...(await reminderStatements(deps, planned, b.now, b.reminderOffsets)),
    ...(await newNoticeStatements(deps, planned, 'appointment-booked', b.audience)),
  ];
  try {
    await pipeline(deps.db, statements);
    return { ...b.answer, replayed: false };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === TAKEN) {
      // Taken by a repeat of this very request (same key) that won meanwhile: the transaction path replays its answer.
      const problem = await takenProblem(deps.db, planned, key ? keyUsedExpression(planned.booked_by, BOOK_SCOPE, key) : undefined);
      if (!problem) return undefined;
      throw problem;
    }
    if (code === CHANGED || isKeyTaken(err) || isRetryable(err)) return undefined;
    throw err;
  }
}
