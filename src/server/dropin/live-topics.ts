// The drop-in queue's live topics: a patient's own place ('dropin:me:<clinicId>[:<patientId>]') and the staff waiting list ('dropin:staff').
import type { LiveRegistry } from '../platform/http/live.ts';
import { clinicExists, myPlace, patientFor, queueTopic, staffQueue, type DropinDeps } from './service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ME = 'dropin:me:';
const STAFF = 'dropin:staff';

export function registerDropinTopics(live: LiveRegistry, deps: DropinDeps): void {
  live.register({
    prefix: ME,
    async open({ session, topic, requestId }) {
      if (session.kind !== 'patient') return null;
      const [clinicId, patientId, ...rest] = topic.slice(ME.length).split(':');
      if (!clinicId || !UUID.test(clinicId) || rest.length > 0 || (patientId !== undefined && !UUID.test(patientId))) return null;
      const actor = { personId: session.personId, clinicId: null, requestId };
      const patient = await patientFor(deps.db, actor, session.actingForId ?? session.personId, patientId).catch(() => null);
      if (!patient || !(await clinicExists(deps.db, clinicId))) return null;
      return {
        busTopics: [queueTopic(clinicId)],
        snapshot: async () => ({ type: 'dropin.position', ...(await myPlace(deps, clinicId, patient.patientId)) }),
        // The estimated wait and the clinic's opening hours move with the clock.
        changesWithTime: true,
      };
    },
  });

  live.register({
    prefix: STAFF,
    async open({ session, topic, requestId }) {
      const clinicId = session.clinicId;
      if (topic !== STAFF || session.kind !== 'staff' || !clinicId) return null;
      const actor = { personId: session.personId, clinicId, requestId };
      // Each patient shown on this live list is written to the audit log once, not on every update.
      const audited = new Set<string>();
      return {
        busTopics: [queueTopic(clinicId)],
        snapshot: async () => ({ type: 'dropin.queue', ...(await staffQueue(deps, actor, audited)) }),
        changesWithTime: true,
      };
    },
  });
}
