// What booking reads before it writes: the clinic, the clinician's rules, the people involved and who is booked
// around the time asked for, in one round trip planned once per connection.
import { sql } from 'kysely';
import { preparedQuery, type Db, type Tx } from '../platform/db/database.ts';
import { keyUsedExpression } from '../platform/idempotency.ts';
import { BOOK_SCOPE } from './one-trip.ts';
import type { AvailabilityRule } from './domain.ts';
import { toRule, type RuleRow } from './store.ts';

export interface BookingPerson {
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  preferred_language: string;
  /** The channels (sms, email) this person has withdrawn consent to notices on; absent when not read. */
  withdrawn?: string[];
}

/** [start ms, end ms] as the booking context sends booked times. */
type Range = [number, number];

/** What booking with a clinician needs to know before it takes the clinician's lock. */
export interface BookingContext {
  clinic: { id: string; name: string; time_zone: string; phone: string | null; address: string | null; cancel_cutoff_hours: number; reminder_offsets_minutes: number[] };
  practitionerName: string | null;
  /** The patient and whoever books for them. */
  people: BookingPerson[];
  /** The clinician's weekly rules at this clinic. */
  rules: AvailabilityRule[];
  /** Which rule rows (id and row version) the rules are: the insert checks they are still the clinician's rules. */
  rulesVersion: string[];
  /** Booked times (buffers included) of the clinician, and of the patient, in the range asked about. */
  clinicianBooked: Array<{ start: Date; end: Date }>;
  patientBooked: Array<{ start: Date; end: Date }>;
  /** The booker has used this Idempotency-Key before. */
  keyUsed: boolean;
}

/**
 * One round trip for what booking reads before its transaction: the clinic where the practitioner sees patients
 * (undefined when they are no clinician), its settings, the clinician's rules, the people involved, and who is
 * booked from `from` to `to`.
 */
export async function bookingContext(
  db: Db | Tx,
  q: { practitionerId: string; patientId: string; bookedBy: string; from: Date; to: Date; idempotencyKey: string | undefined },
): Promise<BookingContext | undefined> {
  const rows = await bookingContextRows(db as Db, q.practitionerId, q.patientId, q.bookedBy, q.from.toISOString(), q.to.toISOString(), q.idempotencyKey ?? '');
  const row = rows[0];
  if (!row) return undefined;
  const ranges = (r: Range[]) => r.map(([start, end]) => ({ start: new Date(start), end: new Date(end) }));
  return {
    clinic: { id: row.clinic_id, name: row.name, time_zone: row.time_zone, phone: row.phone, address: row.address, cancel_cutoff_hours: row.cancel_cutoff_hours, reminder_offsets_minutes: row.reminder_offsets_minutes },
    practitionerName: row.practitioner_name,
    people: row.people,
    rules: row.rules.map(toRule),
    rulesVersion: row.rules.map((r) => r.version),
    clinicianBooked: ranges(row.clinician_booked),
    patientBooked: ranges(row.patient_booked),
    keyUsed: row.key_used,
  };
}

/** bookingContext's query, planned once per connection (it costs more to plan than to run). */
const bookingContextRows = preparedQuery('booking-context', (db, practitionerId: string, patientId: string, bookedBy: string, from: string, to: string, key: string) =>
  sql<{
    clinic_id: string; name: string; time_zone: string; phone: string | null; address: string | null; cancel_cutoff_hours: number; reminder_offsets_minutes: number[];
    practitioner_name: string | null; people: BookingPerson[]; rules: Array<RuleRow & { version: string }>; clinician_booked: Range[]; patient_booked: Range[]; key_used: boolean;
  }>`
    SELECT c.id AS clinic_id, c.name, c.time_zone, c.phone, c.address, c.cancel_cutoff_hours, c.reminder_offsets_minutes, doc.name AS practitioner_name,
      (SELECT coalesce(json_agg(json_build_object('id', p.id, 'name', p.name, 'phone', p.phone, 'email', p.email, 'preferred_language', p.preferred_language,
                                                  'withdrawn', (SELECT coalesce(json_agg(w.kind), '[]') FROM consents w WHERE w.person_id = p.id AND NOT w.given))), '[]')
         FROM persons p WHERE p.id IN (${patientId}::uuid, ${bookedBy}::uuid)) AS people,
      (SELECT coalesce(json_agg(to_jsonb(r) || jsonb_build_object('version', r.id || ':' || r.xmin) ORDER BY r.weekday, r.start_time), '[]')
         FROM availability_rules r WHERE r.clinic_id = s.clinic_id AND r.practitioner_id = pr.id) AS rules,
      (SELECT coalesce(json_agg(json_build_array(extract(epoch FROM a.starts_at) * 1000, extract(epoch FROM a.blocked_until) * 1000)), '[]')
         FROM appointments a WHERE a.practitioner_id = pr.id AND a.status = 'booked' AND tstzrange(a.starts_at, a.blocked_until) && tstzrange(${from}::timestamptz, ${to}::timestamptz)) AS clinician_booked,
      (SELECT coalesce(json_agg(json_build_array(extract(epoch FROM a.starts_at) * 1000, extract(epoch FROM a.ends_at) * 1000)), '[]')
         FROM appointments a WHERE a.patient_id = ${patientId}::uuid AND a.status = 'booked' AND tstzrange(a.starts_at, a.ends_at) && tstzrange(${from}::timestamptz, ${to}::timestamptz)) AS patient_booked,
      ${keyUsedExpression(bookedBy, BOOK_SCOPE, key)} AS key_used
    FROM practitioners pr
    JOIN staff_roles s ON s.person_id = pr.person_id AND s.role = 'clinician'
    JOIN clinics c ON c.id = s.clinic_id
    JOIN persons doc ON doc.id = pr.person_id
    WHERE pr.id = ${practitionerId}::uuid
    LIMIT 1`,
);
