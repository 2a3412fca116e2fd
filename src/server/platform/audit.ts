// The audit log: who did what with whose data. Append-only in the database (trigger and grants).
import { sql } from 'kysely';
import type { Db, Tx } from './db/database.ts';
import type { AuditLogTable, StaffRole } from './db/schema.ts';

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
  await accessInsert(db, r).execute();
}

/** recordAccess's statement, for a caller that runs it in its own transaction (a pipeline). */
export const accessRecordStatement = (db: Db, r: AccessRecord) => accessInsert(db, r).compile();

function accessInsert(db: Db | Tx, r: AccessRecord) {
  return db.insertInto('audit_log').values({
    actor_person_id: r.actorPersonId,
    actor_kind: r.actorKind,
    subject_person_id: r.subjectPersonId,
    clinic_id: r.clinicId ?? null,
    action: r.action,
    reason: r.reason,
    request_id: r.requestId ?? null,
  });
}

export interface AccessLogQuery {
  /** Only entries at or after this instant. */
  from?: Date;
  /** Only entries before this instant (exclusive). */
  until?: Date;
  /** At most this many entries, the newest (default 500). */
  limit?: number;
}

export const ACCESS_LOG_LIMIT = 500;

/**
 * What the patient will see: who looked at or acted on their data, newest first, optionally within a period. For staff,
 * their roles at the clinic of the entry and their profession (the roles are today's: staff_roles keeps no history).
 */
export async function accessLogFor(db: Db, subjectPersonId: string, query: AccessLogQuery = {}) {
  let q = db
    .selectFrom('audit_log as a')
    .innerJoin('persons as p', 'p.id', 'a.actor_person_id')
    .leftJoin('clinics as c', 'c.id', 'a.clinic_id')
    .leftJoin('practitioners as pr', 'pr.person_id', 'a.actor_person_id')
    .select(['a.at', 'a.actor_kind', 'a.action', 'a.reason', 'p.name as actor_name', 'c.name as clinic_name', 'pr.profession as actor_profession'])
    .select(
      sql<StaffRole[]>`array(SELECT sr.role FROM staff_roles sr WHERE sr.person_id = a.actor_person_id AND sr.clinic_id = a.clinic_id ORDER BY sr.role)::text[]`.as(
        'actor_roles',
      ),
    )
    .where('a.subject_person_id', '=', subjectPersonId);
  if (query.from) q = q.where('a.at', '>=', query.from);
  if (query.until) q = q.where('a.at', '<', query.until);
  return q
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(query.limit ?? ACCESS_LOG_LIMIT)
    .execute();
}
