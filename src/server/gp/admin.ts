// The clinic admin's GP lists: each list's size, ceiling and waiting list; who is on it (each patient shown audited);
// and the ceiling — raised, the waiting list gets the places in order; lowered below the list's size, the list is
// reduced: the newest patients beyond it get an extra switch and a content-free notice (they stay until they switch).
import { sql } from 'kysely';
import { retryingTransaction, type Db } from '../platform/db/database.ts';
import { recordAccess } from '../platform/audit.ts';
import { NotFound } from '../platform/http/errors.ts';
import { noticeToPerson } from '../notifications/person-notice.ts';
import type { AdminGpList, AdminGpListDetail, CeilingResult } from './api.ts';
import { fillPlaces, listTopic, patientTopic, publish, type GpDeps } from './service.ts';
import * as store from './store.ts';

export interface Staff {
  personId: string;
  clinicId: string;
  requestId: string;
}

const adminView = (s: { practitionerId: string; name: string | null; ceiling: number; listSize: number; waitingCount: number; status: 'active' | 'quit' }): AdminGpList => ({
  practitionerId: s.practitionerId,
  name: s.name,
  ceiling: s.ceiling,
  listSize: s.listSize,
  waitingCount: s.waitingCount,
  status: s.status,
});

export async function clinicLists(db: Db, clinicId: string): Promise<AdminGpList[]> {
  return (await store.summaries(db, { clinicId })).map(adminView);
}

async function ownList(db: Db, staff: Staff, practitionerId: string): Promise<AdminGpList> {
  const [s] = await store.summaries(db, { practitionerIds: [practitionerId], clinicId: staff.clinicId });
  if (!s) throw NotFound();
  return adminView(s);
}

export async function listDetail(db: Db, staff: Staff, practitionerId: string): Promise<AdminGpListDetail> {
  const list = await ownList(db, staff, practitionerId);
  const patients = await db
    .selectFrom('gp_list_entries as e')
    .innerJoin('persons as p', 'p.id', 'e.patient_id')
    .select(['e.patient_id', 'e.since', 'p.name'])
    .select(sql<boolean>`EXISTS (SELECT 1 FROM gp_extra_switches g LEFT JOIN gp_switches s ON s.extra_switch_id = g.id
      WHERE g.person_id = e.patient_id AND g.reason = 'list-reduced' AND g.source_id = e.practitioner_id AND s.id IS NULL)`.as('must_move'))
    .where('e.practitioner_id', '=', practitionerId)
    .orderBy('p.name')
    .execute();
  const waiting = await store.waitingList(db, practitionerId);
  await retryingTransaction(db, async (tx) => {
    for (const id of new Set([...patients.map((p) => p.patient_id), ...waiting.map((w) => w.patient_id)])) {
      await recordAccess(tx, { actorPersonId: staff.personId, actorKind: 'staff', subjectPersonId: id, clinicId: staff.clinicId, action: 'gp.list.read', reason: 'GP list', requestId: staff.requestId });
    }
  });
  return {
    ...list,
    patients: patients.map((p) => ({ patientId: p.patient_id, name: p.name, since: p.since, mustMove: p.must_move })),
    waiting: waiting.map((w, i) => ({ patientId: w.patient_id, name: w.name, since: w.created_at.toISOString(), position: i + 1 })),
  };
}

export async function setCeiling(deps: GpDeps, staff: Staff, practitionerId: string, ceiling: number): Promise<CeilingResult> {
  const touched = new Set<string>();
  const now = new Date();
  const { placed, affected } = await retryingTransaction(deps.db, async (tx) => {
    touched.clear();
    const [list] = await store.lockLists(tx, [practitionerId]);
    if (!list || list.clinic_id !== staff.clinicId) throw NotFound();
    await tx.updateTable('gp_lists').set({ ceiling }).where('practitioner_id', '=', practitionerId).execute();
    touched.add(listTopic(practitionerId));
    const size = await store.listSize(tx, practitionerId);
    if (ceiling >= size) return { placed: await fillPlaces(deps, tx, practitionerId, now, touched), affected: 0 };
    // A reduction: the newest on the list beyond the new ceiling may switch once more, and are told so.
    const beyond = await tx.selectFrom('gp_list_entries').select('patient_id').where('practitioner_id', '=', practitionerId).orderBy('since', 'desc').orderBy('patient_id', 'desc').limit(size - ceiling).execute();
    let granted = 0;
    for (const { patient_id } of beyond) {
      const g = await tx
        .insertInto('gp_extra_switches')
        .values({ person_id: patient_id, reason: 'list-reduced', source_id: practitionerId })
        .onConflict((oc) => oc.columns(['person_id', 'reason', 'source_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!g) continue;
      granted++;
      await noticeToPerson(deps.notifications, tx, patient_id, 'gp-changed', `gp-reduced:${g.id}`);
      touched.add(patientTopic(patient_id));
    }
    return { placed: 0, affected: granted };
  });
  await publish(deps, touched);
  deps.log.info({ practitionerId, ceiling, placed, affected }, 'GP list ceiling changed');
  return { list: await ownList(deps.db, staff, practitionerId), placed, affected };
}

/**
 * The GP leaves: the list closes (nobody can switch to it), everyone on it gets an extra switch and a content-free
 * notice, and its waiting list is withdrawn. Once: a list already closed changes nothing.
 */
export async function gpQuits(deps: GpDeps, staff: Staff, practitionerId: string): Promise<{ list: AdminGpList; affected: number }> {
  const touched = new Set<string>();
  const affected = await retryingTransaction(deps.db, async (tx) => {
    touched.clear();
    const [list] = await store.lockLists(tx, [practitionerId]);
    if (!list || list.clinic_id !== staff.clinicId) throw NotFound();
    if (list.status === 'quit') return 0;
    await tx.updateTable('gp_lists').set({ status: 'quit' }).where('practitioner_id', '=', practitionerId).execute();
    const waiting = await tx.updateTable('gp_waiting_list').set({ status: 'withdrawn', ended_at: new Date() }).where('practitioner_id', '=', practitionerId).where('status', '=', 'waiting').returning('patient_id').execute();
    for (const w of waiting) {
      await noticeToPerson(deps.notifications, tx, w.patient_id, 'gp-changed', `gp-quit-waiting:${practitionerId}:${w.patient_id}`);
      touched.add(patientTopic(w.patient_id));
    }
    const listed = await tx.selectFrom('gp_list_entries').select('patient_id').where('practitioner_id', '=', practitionerId).execute();
    for (const { patient_id } of listed) {
      const g = await tx.insertInto('gp_extra_switches').values({ person_id: patient_id, reason: 'gp-quit', source_id: practitionerId }).onConflict((oc) => oc.columns(['person_id', 'reason', 'source_id']).doNothing()).returning('id').executeTakeFirst();
      if (g) await noticeToPerson(deps.notifications, tx, patient_id, 'gp-changed', `gp-quit:${g.id}`);
      touched.add(patientTopic(patient_id));
    }
    touched.add(listTopic(practitionerId));
    return listed.length;
  });
  await publish(deps, touched);
  deps.log.info({ practitionerId, affected }, 'GP list closed: the GP quit');
  return { list: await ownList(deps.db, staff, practitionerId), affected };
}

/** Journal transfers from or to the staff member's office. */
export async function clinicTransfers(db: Db, staff: Staff) {
  const rows = await db
    .selectFrom('gp_journal_transfers as t')
    .innerJoin('clinics as f', 'f.id', 't.from_clinic_id')
    .innerJoin('clinics as c', 'c.id', 't.to_clinic_id')
    .innerJoin('persons as p', 'p.id', 't.patient_id')
    .select(['t.id', 't.patient_id', 'p.name', 'f.id as from_id', 'f.name as from_name', 'c.name as to_name', 't.requested_at', 't.status', 't.sent_at'])
    .where((eb) => eb.or([eb('t.from_clinic_id', '=', staff.clinicId), eb('t.to_clinic_id', '=', staff.clinicId)]))
    .orderBy('t.requested_at', 'desc')
    .limit(500)
    .execute();
  await retryingTransaction(db, async (tx) => {
    for (const id of new Set(rows.map((r) => r.patient_id))) await recordAccess(tx, { actorPersonId: staff.personId, actorKind: 'staff', subjectPersonId: id, clinicId: staff.clinicId, action: 'gp.transfer.read', reason: 'journal transfers', requestId: staff.requestId });
  });
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patient_id,
    patientName: r.name,
    fromOffice: r.from_name,
    toOffice: r.to_name,
    direction: r.from_id === staff.clinicId ? ('outgoing' as const) : ('incoming' as const),
    requestedAt: r.requested_at.toISOString(),
    status: r.status,
    sentAt: r.sent_at ? r.sent_at.toISOString() : null,
  }));
}

/** The office that was asked marks the journal sent (once). */
export async function markTransferSent(db: Db, staff: Staff, id: string) {
  const row = await db
    .updateTable('gp_journal_transfers')
    .set({ status: 'sent', sent_at: new Date(), sent_by: staff.personId })
    .where('id', '=', id)
    .where('from_clinic_id', '=', staff.clinicId)
    .where('status', '=', 'requested')
    .returning('id')
    .executeTakeFirst();
  const all = await clinicTransfers(db, staff);
  const t = all.find((x) => x.id === id);
  if (!t || (!row && t.direction !== 'outgoing')) throw NotFound();
  return t;
}
