// The e-consultation's live topics: the clinicians' work queue ('econsult:queue') and one case's state
// ('econsult:case:<id>', for its patient and the clinic's clinicians), recomputed from the database on every change.
import type { QueueView } from '../../shared/econsult-api.ts';
import type { LiveRegistry } from '../platform/http/live.ts';
import { mayActFor } from '../identity/service.ts';
import { localDate } from '../../shared/time.ts';
import { caseTopic, clinicTopic, type EconsultDeps } from './deps.ts';
import type { StaffActor } from './clinician.ts';
import * as clinician from './clinician.ts';
import * as store from './store.ts';
import { queueItemView } from './views.ts';

const QUEUE = 'econsult:queue';
const CASE = 'econsult:case:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function staffQueue(deps: EconsultDeps, actor: StaffActor, filter: { reasonId?: string; mine?: boolean } = {}, now = new Date()): Promise<QueueView> {
  const [rows, me, clinic] = await Promise.all([
    clinician.queue(deps, actor, filter),
    store.clinicianAt(deps.db, actor.personId, actor.clinicId),
    store.econsultClinic(deps.db, actor.clinicId),
  ]);
  const today = localDate(now, clinic?.time_zone);
  return { items: rows.map((r) => queueItemView(r, me?.id, today, now)), now: now.toISOString() };
}

export function registerEconsultTopics(live: LiveRegistry, deps: EconsultDeps): void {
  live.register({
    prefix: QUEUE,
    async open({ session, topic, requestId }) {
      const clinicId = session.clinicId;
      if (topic !== QUEUE || session.kind !== 'staff' || !clinicId || !session.roles.includes('clinician')) return null;
      const actor: StaffActor = { personId: session.personId, requestId, clinicId, language: 'nb' };
      return { busTopics: [clinicTopic(clinicId)], snapshot: async () => ({ type: 'econsult.queue', ...(await staffQueue(deps, actor)) }) };
    },
  });

  live.register({
    prefix: CASE,
    async open({ session, topic }) {
      const caseId = topic.slice(CASE.length);
      if (!UUID.test(caseId)) return null;
      const c = await store.caseById(deps.db, caseId);
      if (!c) return null;
      const allowed =
        session.kind === 'staff'
          ? session.clinicId === c.clinic_id && session.roles.includes('clinician')
          : c.patient_id === session.personId || c.submitted_by === session.personId || (await mayActFor(deps.db, session.personId, c.patient_id));
      if (!allowed) return null;
      // Only the state and its version: the page fetches the case itself (an audited read for staff) when it changes.
      return {
        busTopics: [caseTopic(caseId)],
        snapshot: async () => {
          const now = await store.caseById(deps.db, caseId);
          return { type: 'econsult.case', id: caseId, status: now?.status ?? 'gone', version: now?.version ?? 0 };
        },
      };
    },
  });
}
