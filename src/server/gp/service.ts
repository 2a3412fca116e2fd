// The GP list's use cases: the patient's GP, finding one, switching (or the waiting list), leaving the waiting list,
// places given in order when they open, and asking the old office for the journal. Each change runs in one transaction
// under the locks of the person and the lists it touches; live pages hear of it after the commit.
import type { Logger } from 'pino';
import { DateTime } from 'luxon';
import { DEFAULT_TIME_ZONE, localDate } from '../../shared/time.ts';
import { ageOn } from '../../shared/national-id.ts';
import { retryingTransaction, type Db, type Tx } from '../platform/db/database.ts';
import type { EventBus } from '../platform/events/bus.ts';
import type { JobQueue } from '../platform/jobs/queue.ts';
import { recordAccess } from '../platform/audit.ts';
import { Conflict, DomainError, Invalid, NotFound } from '../platform/http/errors.ts';
import { idempotent, type IdempotentResult } from '../platform/idempotency.ts';
import { patientsActorMayActFor, subjectFor } from '../identity/service.ts';
import type { NotificationService } from '../notifications/service.ts';
import { noticeToPerson } from '../notifications/person-notice.ts';
import type { GpSearchResult, MyGp, SwitchOutcome, SwitchRequest, SwitchResult } from './api.ts';
import { CHOOSES_ALONE_FROM, decideSwitch, ORDINARY_SWITCHES_PER_YEAR, switchYear, type SwitchProblem } from './domain.ts';
import * as store from './store.ts';

export interface GpDeps {
  db: Db;
  jobs: JobQueue;
  bus: EventBus;
  notifications: NotificationService;
  log: Logger;
}

export interface Actor {
  personId: string;
  requestId: string;
}

export const FILL_QUEUE = 'gp.fill-places';
export const listTopic = (practitionerId: string) => `gp:list:${practitionerId}`;
export const patientTopic = (patientId: string) => `gp:patient:${patientId}`;

/** The topics a change touched, told after it has committed. */
export async function publish(deps: Pick<GpDeps, 'bus' | 'log'>, topics: Iterable<string>): Promise<void> {
  for (const topic of topics) await deps.bus.publish(topic, { topic }).catch((err: Error) => deps.log.warn({ err: err.message }, 'gp event not published'));
}

/** The patient a request is about: the actor, or a child under 16 the actor acts for. */
export const subjectOf = (db: Db, actor: Actor, patientId: string | undefined): Promise<string> => subjectFor(db, actor.personId, patientId);

export async function search(deps: Pick<GpDeps, 'db'>, q: { municipality?: string | undefined; name?: string | undefined }): Promise<GpSearchResult> {
  const [gps, municipalities] = await Promise.all([store.summaries(deps.db, q), store.municipalities(deps.db)]);
  return { gps, municipalities };
}

export async function myGp(deps: Pick<GpDeps, 'db'>, actor: Actor, patientId?: string, now = new Date()): Promise<MyGp> {
  const db = deps.db;
  const subject = await subjectOf(db, actor, patientId);
  const person = await db.selectFrom('persons').select(['name', 'birth_date']).where('id', '=', subject).executeTakeFirstOrThrow();
  const today = localDate(now);
  const [entry, waiting, used, extra, rights, transfers, history] = await Promise.all([
    store.entryOf(db, subject),
    store.waitingOf(db, subject),
    store.ordinaryUsed(db, subject, switchYear(now)),
    store.unusedExtraSwitches(db, subject),
    store.returnRights(db, subject, today),
    store.transfersOf(db, subject),
    store.historyOf(db, subject),
  ]);
  let gp: MyGp['gp'] = null;
  if (entry) {
    const [summary] = await store.summaries(db, { practitionerIds: [entry.practitioner_id] });
    const colleagues = await store.summaries(db, { clinicId: entry.clinic_id });
    if (summary) gp = { ...summary, since: entry.since, otherDoctors: colleagues.filter((c) => c.practitionerId !== entry.practitioner_id).map((c) => ({ practitionerId: c.practitionerId, name: c.name })) };
  }
  let waitingView: MyGp['waiting'] = null;
  if (waiting) {
    const [list] = await store.summaries(db, { practitionerIds: [waiting.practitioner_id] });
    waitingView = { practitionerId: waiting.practitioner_id, gpName: list?.name ?? null, officeName: list?.office.name ?? '', position: await store.positionOf(db, waiting), since: waiting.created_at.toISOString() };
  }
  // The office the patient left last, if it is not the one they are at now and the journal was not asked for yet.
  const left = history.find((h) => h.clinic_id !== entry?.clinic_id);
  const asked = left && transfers.some((t) => t.from_clinic_id === left.clinic_id && t.to_clinic_id === entry?.clinic_id);
  return {
    patientId: subject,
    patientName: person.name,
    mayChoose: subject === actor.personId || ageOn(person.birth_date, today) < CHOOSES_ALONE_FROM,
    gp,
    waiting: waitingView,
    switches: {
      year: switchYear(now),
      ordinaryUsed: used,
      ordinaryLeft: Math.max(0, ORDINARY_SWITCHES_PER_YEAR - used),
      extra: extra.map((e) => ({ id: e.id, reason: e.reason, grantedAt: e.granted_at.toISOString() })),
      returnRights: rights.map((r) => ({ practitionerId: r.practitioner_id, gpName: r.name, until: r.until })),
    },
    journalTransfers: transfers.map((t) => ({ id: t.id, fromOffice: t.from_name, toOffice: t.to_name, requestedAt: t.requested_at.toISOString(), status: t.status, sentAt: t.sent_at ? t.sent_at.toISOString() : null })),
    mayRequestTransfer: Boolean(entry && left && !asked),
  };
}

type Entry = Awaited<ReturnType<typeof store.entryOf>>;

/** The instant a local calendar day begins in Norway: a list period that began today began at local midnight, not UTC's. */
const startOfLocalDay = (day: string): Date => DateTime.fromISO(day, { zone: DEFAULT_TIME_ZONE }).startOf('day').toJSDate();

/** Puts the patient on the list (ending the period on the old one in the history). */
async function moveToList(tx: Tx, patientId: string, from: Entry, to: { practitioner_id: string; clinic_id: string }, now: Date): Promise<void> {
  const today = localDate(now);
  if (from) {
    await tx
      .insertInto('gp_list_history')
      .values({ patient_id: patientId, practitioner_id: from.practitioner_id, clinic_id: from.clinic_id, municipality: from.municipality, listed_from: startOfLocalDay(from.since), listed_until: now })
      .execute();
    await tx.updateTable('gp_list_entries').set({ practitioner_id: to.practitioner_id, clinic_id: to.clinic_id, since: today }).where('patient_id', '=', patientId).execute();
  } else {
    await tx.insertInto('gp_list_entries').values({ patient_id: patientId, practitioner_id: to.practitioner_id, clinic_id: to.clinic_id, since: today }).execute();
  }
}

/**
 * Gives the list's free places to the first on its waiting list, in order, once: the caller holds the list's lock, so
 * two places opening at once are given one after the other. A patient placed leaves a place on their old list, which
 * a job fills in its own transaction.
 */
export async function fillPlaces(deps: Pick<GpDeps, 'jobs' | 'notifications'>, tx: Tx, practitionerId: string, now: Date, touched: Set<string>): Promise<number> {
  const list = await tx.selectFrom('gp_lists').selectAll().where('practitioner_id', '=', practitionerId).executeTakeFirstOrThrow();
  if (list.status !== 'active') return 0;
  const next = await store.firstWaiting(tx, practitionerId, list.ceiling - (await store.listSize(tx, practitionerId)));
  for (const w of next) {
    const old = await store.entryOf(tx, w.patient_id);
    await moveToList(tx, w.patient_id, old, list, now);
    await tx.updateTable('gp_waiting_list').set({ status: 'placed', ended_at: now }).where('id', '=', w.id).execute();
    await noticeToPerson(deps.notifications, tx, w.patient_id, 'gp-changed', `gp-placed:${w.id}`);
    touched.add(patientTopic(w.patient_id));
    if (old) {
      touched.add(listTopic(old.practitioner_id));
      await deps.jobs.send(FILL_QUEUE, { practitionerId: old.practitioner_id }, { tx });
    }
  }
  if (next.length) touched.add(listTopic(practitionerId));
  return next.length;
}

/** The job: a place opened on the list (a patient placed elsewhere left it). */
export async function fillPlacesJob(deps: GpDeps, practitionerId: string): Promise<number> {
  const touched = new Set<string>();
  const placed = await retryingTransaction(deps.db, async (tx) => {
    if ((await store.lockLists(tx, [practitionerId])).length === 0) return 0;
    return fillPlaces(deps, tx, practitionerId, new Date(), touched);
  });
  await publish(deps, touched);
  return placed;
}

const UNIQUE_VIOLATION = '23505';

/** One patient's switch (or place on the waiting list), or why not; written only when it passes. */
async function applySwitch(deps: GpDeps, tx: Tx, actor: Actor, patientId: string, targetId: string, reason: string | null, now: Date, touched: Set<string>): Promise<SwitchOutcome | { refused: SwitchProblem }> {
  await store.lockPerson(tx, patientId);
  const current = await store.entryOf(tx, patientId);
  const lists = await store.lockLists(tx, current ? [targetId, current.practitioner_id] : [targetId]);
  const target = lists.find((l) => l.practitioner_id === targetId);
  if (!target) throw NotFound();
  const [size, used, extra, rights] = await Promise.all([store.listSize(tx, targetId), store.ordinaryUsed(tx, patientId, switchYear(now)), store.unusedExtraSwitches(tx, patientId), store.returnRights(tx, patientId, localDate(now))]);
  const right = rights.find((r) => r.practitioner_id === targetId);
  const d = decideSwitch({
    currentPractitionerId: current?.practitioner_id ?? null,
    target: { practitionerId: targetId, status: target.status, full: size >= target.ceiling },
    ordinaryUsed: used,
    extraUnused: extra,
    returnRight: Boolean(right),
  });
  if (!d.ok) return { refused: d.problem };

  // A new choice replaces a place on another waiting list.
  const before = await store.waitingOf(tx, patientId);
  if (before) {
    await tx.updateTable('gp_waiting_list').set({ status: 'withdrawn', ended_at: now }).where('id', '=', before.id).execute();
    touched.add(listTopic(before.practitioner_id));
  }
  // The unique (person, year, ordinal) makes the count the database's: a parallel switch taking the same ordinal fails.
  const sw = await tx
    .insertInto('gp_switches')
    .values({ person_id: patientId, year: switchYear(now), kind: d.kind, ordinal: d.ordinal, extra_switch_id: d.extraSwitchId, from_practitioner_id: current?.practitioner_id ?? null, to_practitioner_id: targetId, reason, by_person_id: actor.personId })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((err: { code?: string }) => {
      throw err.code === UNIQUE_VIOLATION ? Conflict('problem.gp-no-switches-left') : err;
    });
  if (right) await tx.updateTable('gp_return_rights').set({ used_at: now }).where('person_id', '=', patientId).where('practitioner_id', '=', targetId).where('move_id', '=', right.move_id).execute();
  if (patientId !== actor.personId) await recordAccess(tx, { actorPersonId: actor.personId, actorKind: 'guardian', subjectPersonId: patientId, clinicId: target.clinic_id, action: 'gp.switch', reason: 'parent acting for child', requestId: actor.requestId });
  touched.add(patientTopic(patientId));
  touched.add(listTopic(targetId));

  if (d.waiting) {
    const w = await tx.insertInto('gp_waiting_list').values({ practitioner_id: targetId, patient_id: patientId, switch_id: sw.id }).returningAll().executeTakeFirstOrThrow();
    return { patientId, status: 'waiting', practitionerId: targetId, kind: d.kind, position: await store.positionOf(tx, w) };
  }
  await moveToList(tx, patientId, current, target, now);
  if (current) {
    touched.add(listTopic(current.practitioner_id));
    await fillPlaces(deps, tx, current.practitioner_id, now, touched);
  }
  return { patientId, status: 'switched', practitionerId: targetId, kind: d.kind, position: null };
}

/** POST /api/gp/switch: the patient's switch, and each child under 16 that moves along (a child refused does not stop the rest). */
export async function switchGp(deps: GpDeps, actor: Actor, input: SwitchRequest, idempotencyKey: string | undefined, now = new Date()): Promise<IdempotentResult<SwitchResult>> {
  const subject = await subjectOf(deps.db, actor, input.patientId);
  const mayActFor = await patientsActorMayActFor(deps.db, actor.personId);
  const children = [...new Set(input.children ?? [])].filter((c) => c !== subject);
  for (const c of children) if (c === actor.personId || !mayActFor.includes(c)) throw new DomainError('forbidden', 'problem.cannot-act-for');
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > 500) throw Invalid('problem.invalid', { detail: 'reason is longer than 500 characters' });
  const touched = new Set<string>();
  const result = await idempotent(deps.db, { personId: actor.personId, scope: 'gp.switch', key: idempotencyKey, request: input }, async (tx) => {
    touched.clear();
    const main = await applySwitch(deps, tx, actor, subject, input.practitionerId, reason, now, touched);
    if ('refused' in main) throw Conflict(`problem.${main.refused}`);
    const moved: SwitchResult['children'] = [];
    for (const c of children) {
      const r = await applySwitch(deps, tx, actor, c, input.practitionerId, reason, now, touched);
      moved.push('refused' in r ? { patientId: c, status: 'refused', problem: r.refused } : r);
    }
    return { status: 200, body: { ...main, children: moved } };
  });
  if (!result.replayed) await publish(deps, touched);
  return result;
}

/** Leaves the waiting list (the switch it used stays used). */
export async function leaveWaitingList(deps: GpDeps, actor: Actor, patientId?: string): Promise<void> {
  const subject = await subjectOf(deps.db, actor, patientId);
  const left = await deps.db.updateTable('gp_waiting_list').set({ status: 'withdrawn', ended_at: new Date() }).where('patient_id', '=', subject).where('status', '=', 'waiting').returning('practitioner_id').executeTakeFirst();
  if (!left) throw NotFound();
  await publish(deps, [patientTopic(subject), listTopic(left.practitioner_id)]);
}

/** Asks the office the patient left last to send the journal to the new one; both offices see it. Once per pair. */
export async function requestJournalTransfer(deps: GpDeps, actor: Actor, patientId?: string) {
  const subject = await subjectOf(deps.db, actor, patientId);
  const mine = await myGp(deps, actor, subject);
  const entry = await store.entryOf(deps.db, subject);
  const left = (await store.historyOf(deps.db, subject)).find((h) => h.clinic_id !== entry?.clinic_id);
  if (!entry || !left || !mine.mayRequestTransfer) throw Conflict('problem.gp-no-transfer');
  const row = await deps.db
    .insertInto('gp_journal_transfers')
    .values({ patient_id: subject, from_clinic_id: left.clinic_id, to_clinic_id: entry.clinic_id, requested_by: actor.personId })
    .onConflict((oc) => oc.columns(['patient_id', 'from_clinic_id', 'to_clinic_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  const transfers = await store.transfersOf(deps.db, subject);
  const t = transfers.find((x) => x.id === row?.id) ?? transfers.find((x) => x.from_clinic_id === left.clinic_id && x.to_clinic_id === entry.clinic_id)!;
  return { id: t.id, fromOffice: t.from_name, toOffice: t.to_name, requestedAt: t.requested_at.toISOString(), status: t.status, sentAt: t.sent_at ? t.sent_at.toISOString() : null };
}
