// Seasonal vaccination's use cases: a clinic admin publishes a campaign (its slots made at once); patients and parents
// book, move and cancel a vaccine time; reception sees a day's list and marks the vaccine given. A slot's count is
// raised by one guarded UPDATE (booked < capacity), so concurrent bookings never overfill it; one time per person and
// campaign is a unique index.
import { DateTime } from 'luxon';
import { sql } from 'kysely';
import { ageOn } from '../../shared/national-id.ts';
import { localDate } from '../../shared/time.ts';
import { retryingTransaction, type Db, type Tx } from '../platform/db/database.ts';
import { recordAccess } from '../platform/audit.ts';
import { Conflict, DomainError, Invalid, NotFound } from '../platform/http/errors.ts';
import { idempotent, type IdempotentResult } from '../platform/idempotency.ts';
import { patientsActorMayActFor, subjectFor } from '../identity/service.ts';
import { isoInZone } from '../booking/domain.ts';
import type { CampaignView, NewCampaign, SlotView, VaccinationBooking } from './api.ts';
import { campaignSlots, groupFor, type TargetGroup } from './domain.ts';

export interface Actor {
  personId: string;
  requestId: string;
}
export interface Staff extends Actor {
  clinicId: string;
}

const UNIQUE_VIOLATION = '23505';

async function campaignViews(db: Db | Tx, where: { clinicId?: string | undefined; id?: string; current?: Date }): Promise<CampaignView[]> {
  let q = db
    .selectFrom('vaccination_campaigns as v')
    .innerJoin('clinics as c', 'c.id', 'v.clinic_id')
    .select(['v.id', 'v.clinic_id', 'c.name', 'c.time_zone', 'v.vaccine', 'v.starts_on', 'v.ends_on', 'v.day_start', 'v.day_end', 'v.slot_minutes', 'v.capacity_per_slot'])
    .orderBy('v.starts_on')
    .orderBy('c.name');
  if (where.clinicId) q = q.where('v.clinic_id', '=', where.clinicId);
  if (where.id) q = q.where('v.id', '=', where.id);
  if (where.current) q = q.where('v.ends_on', '>=', localDate(where.current));
  const rows = await q.execute();
  const groups = rows.length ? await db.selectFrom('vaccination_groups').selectAll().where('campaign_id', 'in', rows.map((r) => r.id)).orderBy('target_group').execute() : [];
  return rows.map((r) => ({
    id: r.id,
    clinicId: r.clinic_id,
    clinicName: r.name,
    timeZone: r.time_zone,
    vaccine: r.vaccine,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    dayStart: r.day_start.slice(0, 5),
    dayEnd: r.day_end.slice(0, 5),
    slotMinutes: r.slot_minutes,
    capacityPerSlot: r.capacity_per_slot,
    groups: groups.filter((g) => g.campaign_id === r.id).map((g) => ({ group: g.target_group, priceOre: g.price_ore })),
  }));
}

export const campaigns = (db: Db, clinicId?: string, now = new Date()) => campaignViews(db, { clinicId, current: now });

export async function createCampaign(db: Db, staff: Staff, c: NewCampaign): Promise<CampaignView> {
  if (c.endsOn < c.startsOn) throw Invalid('problem.vaccination-period');
  if (c.dayEnd <= c.dayStart) throw Invalid('problem.vaccination-hours');
  if (new Set(c.groups.map((g) => g.group)).size !== c.groups.length || c.groups.length === 0) throw Invalid('problem.vaccination-groups');
  const clinic = await db.selectFrom('clinics').select(['time_zone']).where('id', '=', staff.clinicId).executeTakeFirstOrThrow();
  const starts = campaignSlots({ startsOn: c.startsOn, endsOn: c.endsOn, dayStart: c.dayStart, dayEnd: c.dayEnd, slotMinutes: c.slotMinutes, timeZone: clinic.time_zone });
  if (starts.length === 0 || starts.length > 20_000) throw Invalid('problem.vaccination-hours');
  const id = await retryingTransaction(db, async (tx) => {
    const row = await tx
      .insertInto('vaccination_campaigns')
      .values({ clinic_id: staff.clinicId, vaccine: c.vaccine.trim(), starts_on: c.startsOn, ends_on: c.endsOn, day_start: c.dayStart, day_end: c.dayEnd, slot_minutes: c.slotMinutes, capacity_per_slot: c.capacityPerSlot, created_by: staff.personId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('vaccination_groups').values(c.groups.map((g) => ({ campaign_id: row.id, target_group: g.group, price_ore: g.priceOre }))).execute();
    for (let i = 0; i < starts.length; i += 1000) {
      await tx.insertInto('vaccination_slots').values(starts.slice(i, i + 1000).map((s) => ({ campaign_id: row.id, starts_at: s, capacity: c.capacityPerSlot }))).execute();
    }
    return row.id;
  });
  return (await campaignViews(db, { id }))[0]!;
}

/** One day's slots of a campaign (in its clinic's zone) that have not begun, with the places left. */
export async function slotsOn(db: Db, campaignId: string, date: string, now = new Date()): Promise<SlotView[]> {
  const [c] = await campaignViews(db, { id: campaignId });
  if (!c) throw NotFound();
  const from = DateTime.fromISO(date, { zone: c.timeZone }).startOf('day');
  const rows = await db
    .selectFrom('vaccination_slots')
    .select(['starts_at', 'capacity', 'booked'])
    .where('campaign_id', '=', campaignId)
    .where('starts_at', '>=', from.toJSDate())
    .where('starts_at', '<', from.plus({ days: 1 }).toJSDate())
    .where('starts_at', '>', now)
    .orderBy('starts_at')
    .execute();
  return rows.map((r) => ({ start: isoInZone(r.starts_at, c.timeZone), free: r.capacity - r.booked, capacity: r.capacity }));
}

const subjectOf = (db: Db, actor: Actor, patientId: string | undefined): Promise<string> => subjectFor(db, actor.personId, patientId);

function bookingRows(db: Db | Tx) {
  return db
    .selectFrom('vaccination_bookings as b')
    .innerJoin('vaccination_campaigns as v', 'v.id', 'b.campaign_id')
    .innerJoin('clinics as c', 'c.id', 'v.clinic_id')
    .innerJoin('persons as p', 'p.id', 'b.patient_id')
    .select(['b.id', 'b.campaign_id', 'v.vaccine', 'c.id as clinic_id', 'c.name as clinic_name', 'c.time_zone', 'b.patient_id', 'p.name', 'b.starts_at', 'b.target_group', 'b.price_ore', 'b.status', 'b.given_at']);
}
type BookingRow = Awaited<ReturnType<ReturnType<typeof bookingRows>['executeTakeFirstOrThrow']>>;

const bookingView = (r: BookingRow, now: Date): VaccinationBooking => ({
  id: r.id,
  campaignId: r.campaign_id,
  vaccine: r.vaccine,
  clinicId: r.clinic_id,
  clinicName: r.clinic_name,
  patientId: r.patient_id,
  patientName: r.name,
  start: isoInZone(r.starts_at, r.time_zone),
  targetGroup: r.target_group,
  priceOre: r.price_ore,
  status: r.status,
  givenAt: r.given_at ? r.given_at.toISOString() : null,
  mayChange: r.status === 'booked' && r.starts_at > now,
});

export async function myBookings(db: Db, actor: Actor, now = new Date()): Promise<VaccinationBooking[]> {
  const who = await patientsActorMayActFor(db, actor.personId);
  const rows = await bookingRows(db).where('b.patient_id', 'in', who).where('b.status', '<>', 'cancelled').orderBy('b.starts_at', 'desc').execute();
  return rows.map((r) => bookingView(r, now));
}

/** Takes one place in the slot, or none: the guarded UPDATE is the whole check. */
async function takePlace(tx: Tx, campaignId: string, start: Date, now: Date): Promise<void> {
  const slot = await tx.selectFrom('vaccination_slots').select(['starts_at']).where('campaign_id', '=', campaignId).where('starts_at', '=', start).executeTakeFirst();
  if (!slot || slot.starts_at <= now) throw new DomainError('not-found', 'problem.vaccination-no-slot');
  const taken = await sql<{ booked: number }>`
    UPDATE vaccination_slots SET booked = booked + 1 WHERE campaign_id = ${campaignId} AND starts_at = ${start} AND booked < capacity RETURNING booked`.execute(tx);
  if (taken.rows.length === 0) throw Conflict('problem.vaccination-slot-full');
}

async function givePlaceBack(tx: Tx, campaignId: string, start: Date): Promise<void> {
  await sql`UPDATE vaccination_slots SET booked = booked - 1 WHERE campaign_id = ${campaignId} AND starts_at = ${start}`.execute(tx);
}

export async function book(db: Db, actor: Actor, input: { campaignId: string; start: string; patientId?: string | undefined; targetGroup?: TargetGroup | undefined }, idempotencyKey: string | undefined, now = new Date()): Promise<IdempotentResult<VaccinationBooking>> {
  const patientId = await subjectOf(db, actor, input.patientId);
  const start = new Date(input.start);
  if (Number.isNaN(start.getTime())) throw Invalid('problem.invalid', { detail: 'start is not a time' });
  return idempotent(db, { personId: actor.personId, scope: 'vaccination.book', key: idempotencyKey, request: input }, async (tx) => {
    const [c] = await campaignViews(tx, { id: input.campaignId });
    if (!c) throw NotFound();
    const person = await tx.selectFrom('persons').select(['birth_date']).where('id', '=', patientId).executeTakeFirstOrThrow();
    const group = groupFor(ageOn(person.birth_date, localDate(start, c.timeZone)), input.targetGroup, c.groups.map((g) => g.group));
    if (!group) throw Conflict('problem.vaccination-not-for-group');
    await takePlace(tx, c.id, start, now);
    const row = await tx
      .insertInto('vaccination_bookings')
      .values({ campaign_id: c.id, starts_at: start, patient_id: patientId, target_group: group, price_ore: c.groups.find((g) => g.group === group)!.priceOre, booked_by: actor.personId })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((err: { code?: string }) => {
        throw err.code === UNIQUE_VIOLATION ? Conflict('problem.vaccination-already-booked') : err;
      });
    if (patientId !== actor.personId) await recordAccess(tx, { actorPersonId: actor.personId, actorKind: 'guardian', subjectPersonId: patientId, clinicId: c.clinicId, action: 'vaccination.book', reason: 'parent acting for child', requestId: actor.requestId });
    return { status: 201, body: bookingView(await bookingRows(tx).where('b.id', '=', row.id).executeTakeFirstOrThrow(), now) };
  });
}

/** The patient's (or their child's) booking, locked, if it may still change. */
async function ownBooking(db: Db, tx: Tx, actor: Actor, id: string, now: Date) {
  const who = await patientsActorMayActFor(db, actor.personId);
  const b = await tx.selectFrom('vaccination_bookings').selectAll().where('id', '=', id).where('patient_id', 'in', who).forUpdate().executeTakeFirst();
  if (!b) throw NotFound();
  if (b.status !== 'booked' || b.starts_at <= now) throw Conflict('problem.vaccination-not-changeable');
  return b;
}

export async function move(db: Db, actor: Actor, id: string, to: string, now = new Date()): Promise<VaccinationBooking> {
  const start = new Date(to);
  if (Number.isNaN(start.getTime())) throw Invalid('problem.invalid', { detail: 'start is not a time' });
  return retryingTransaction(db, async (tx) => {
    const b = await ownBooking(db, tx, actor, id, now);
    if (b.starts_at.getTime() !== start.getTime()) {
      await takePlace(tx, b.campaign_id, start, now);
      await givePlaceBack(tx, b.campaign_id, b.starts_at);
      await tx.updateTable('vaccination_bookings').set({ starts_at: start }).where('id', '=', b.id).execute();
    }
    return bookingView(await bookingRows(tx).where('b.id', '=', b.id).executeTakeFirstOrThrow(), now);
  });
}

export async function cancel(db: Db, actor: Actor, id: string, now = new Date()): Promise<VaccinationBooking> {
  return retryingTransaction(db, async (tx) => {
    const b = await ownBooking(db, tx, actor, id, now);
    await tx.updateTable('vaccination_bookings').set({ status: 'cancelled', cancelled_at: now }).where('id', '=', b.id).execute();
    await givePlaceBack(tx, b.campaign_id, b.starts_at);
    return bookingView(await bookingRows(tx).where('b.id', '=', b.id).executeTakeFirstOrThrow(), now);
  });
}

/** Reception's list of a day's vaccine times at the clinic; each patient shown is audited. */
export async function dayList(db: Db, staff: Staff, date: string, now = new Date()): Promise<VaccinationBooking[]> {
  const clinic = await db.selectFrom('clinics').select('time_zone').where('id', '=', staff.clinicId).executeTakeFirstOrThrow();
  const from = DateTime.fromISO(date, { zone: clinic.time_zone }).startOf('day');
  const rows = await bookingRows(db)
    .where('c.id', '=', staff.clinicId)
    .where('b.status', '<>', 'cancelled')
    .where('b.starts_at', '>=', from.toJSDate())
    .where('b.starts_at', '<', from.plus({ days: 1 }).toJSDate())
    .orderBy('b.starts_at')
    .orderBy('p.name')
    .execute();
  await retryingTransaction(db, async (tx) => {
    for (const id of new Set(rows.map((r) => r.patient_id))) await recordAccess(tx, { actorPersonId: staff.personId, actorKind: 'staff', subjectPersonId: id, clinicId: staff.clinicId, action: 'vaccination.list', reason: 'vaccination day list', requestId: staff.requestId });
  });
  return rows.map((r) => bookingView(r, now));
}

export async function markGiven(db: Db, staff: Staff, id: string, now = new Date()): Promise<VaccinationBooking> {
  return retryingTransaction(db, async (tx) => {
    const b = await bookingRows(tx).where('b.id', '=', id).where('c.id', '=', staff.clinicId).executeTakeFirst();
    if (!b) throw NotFound();
    if (b.status === 'cancelled') throw Conflict('problem.vaccination-not-changeable');
    await tx.updateTable('vaccination_bookings').set({ status: 'given', given_at: now, given_by: staff.personId }).where('id', '=', id).where('status', '=', 'booked').execute();
    await recordAccess(tx, { actorPersonId: staff.personId, actorKind: 'staff', subjectPersonId: b.patient_id, clinicId: staff.clinicId, action: 'vaccination.given', reason: b.vaccine, requestId: staff.requestId });
    return bookingView(await bookingRows(tx).where('b.id', '=', id).executeTakeFirstOrThrow(), now);
  });
}
