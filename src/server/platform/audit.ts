// The audit log: who did what with whose data. Append-only in the database (trigger and grants).
import type { Db, Tx } from './db/database.ts';
import type { AuditLogTable } from './db/schema.ts';

export interface AccessRecord {
  actorPersonId: string;
  actorKind: AuditLogTable['actor_kind'];
  subjectPersonId: string;
  clinicId?: string | null;
  action: string;
  reason: string;
  requestId?: string;
}

export async function recordAccess(db: Db | Tx, r: AccessRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_person_id: r.actorPersonId,
      actor_kind: r.actorKind,
      subject_person_id: r.subjectPersonId,
      clinic_id: r.clinicId ?? null,
      action: r.action,
      reason: r.reason,
      request_id: r.requestId ?? null,
    })
    .execute();
}

/** What the patient will see: who looked at or acted on their data, newest first. */
export async function accessLogFor(db: Db, subjectPersonId: string, limit = 100) {
  return db
    .selectFrom('audit_log as a')
    .innerJoin('persons as p', 'p.id', 'a.actor_person_id')
    .leftJoin('clinics as c', 'c.id', 'a.clinic_id')
    .select(['a.at', 'a.actor_kind', 'a.action', 'a.reason', 'p.name as actor_name', 'c.name as clinic_name'])
    .where('a.subject_person_id', '=', subjectPersonId)
    .orderBy('a.at', 'desc')
    .limit(limit)
    .execute();
}
