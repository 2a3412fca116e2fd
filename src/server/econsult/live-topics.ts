// The e-consultation's live topics: the clinicians' work queue ('econsult:queue') and one case's state
// ('econsult:case:<id>', for its patient and the clinic's clinicians), recomputed from the database on every change.
import type { LiveRegistry } from '../platform/http/live.ts';
import { mayActFor } from '../identity/service.ts';
import { caseTopic, clinicTopic, type EconsultDeps } from './deps.ts';
import type { StaffActor } from './clinician.ts';
import { staffQueue } from './clinician.ts';
import * as store from './store.ts';

const QUEUE = 'econsult:queue';
const CASE = 'econsult:case:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerEconsultTopics(live: LiveRegistry, deps: EconsultDeps): void {
  live.register({
    prefix: QUEUE,
    async open({ session, topic, requestId }) {
      const clinicId = session.clinicId;
      if (topic !== QUEUE || session.kind !== 'staff' || !clinicId || !session.roles.includes('clinician')) return null;
      const actor: StaffActor = { personId: session.personId, requestId, clinicId, language: 'nb' };
      // Deadlines fall due with the clock.
      return { busTopics: [clinicTopic(clinicId)], snapshot: async () => ({ type: 'econsult.queue', ...(await staffQueue(deps, actor)) }), changesWithTime: true };
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
