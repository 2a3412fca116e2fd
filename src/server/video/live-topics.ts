// The video room on the live socket: the topic 'video:room:<appointmentId>' (each viewer's own view, recomputed on
// room and appointment events), guests let onto the socket by their cookie, and the signaling and chat streams.
import type { FastifyRequest } from 'fastify';
import type { LiveRegistry, LiveViewer } from '../platform/http/live.ts';
import { MAX_CHAT_LENGTH, type WaitingRooms } from '../../shared/video-api.ts';
import { recordAccess } from '../platform/audit.ts';
import { guestOfToken } from './guests.ts';
import { addressOf, appointment, isClinicianOf, isPatientOf, practitionerRoomsTopic, type VideoDeps, type Viewer } from './service.ts';
import * as store from './store.ts';
import { roomView } from './views.ts';
import { appointmentTopic } from '../booking/topics.ts';
import { addressed } from '../platform/http/live-fanout.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROOM = 'video:room:';
const WAITING = 'video:waiting:me';
export const GUEST_COOKIE = 'nettlege_video_guest';

const senderOf = (viewer: LiveViewer) => (viewer.guest ? { participantId: viewer.guest.id } : { personId: viewer.session!.personId });

export function registerVideoLive(live: LiveRegistry, deps: VideoDeps): void {
  live.acceptGuests({
    async authenticate(req: FastifyRequest) {
      const guest = await guestOfToken(deps, req.cookies[GUEST_COOKIE]);
      return guest ? { id: guest.participantId } : null;
    },
    stillValid: (ids) => store.guestsStillIn(deps.db, ids),
  });

  // An idle waiting-room socket keeps nothing of its own here: one snapshot function serves every socket, reading the
  // appointment from the shared topic string and who is looking from the socket. A clinician's view of the patient is
  // written to the audit log once per socket: the sockets already written are remembered (weakly, so a closed one goes).
  const audited = new WeakSet<object>();
  const snapshot = async (topic: string, on: LiveViewer & { requestId: string }) => {
    const viewer: Viewer = on.session ? { kind: 'session', session: on.session, requestId: on.requestId } : { kind: 'guest', participantId: on.guest.id, requestId: on.requestId };
    const mark = { done: audited.has(on) };
    const view = await roomView(deps, viewer, topic.slice(ROOM.length), mark);
    if (mark.done) audited.add(on);
    return { type: 'video.room', ...view };
  };
  // Signals and chat for one participant come on the appointment's topic addressed to them (see `addressOf`). The
  // address is the string the socket already holds where it can be (the session's person, the guest's id).
  const feedFor = (appointmentId: string, address: string) => ({ busTopics: [appointmentTopic(appointmentId)], address, snapshot });

  live.register({
    prefix: ROOM,
    async open({ session, topic, requestId }) {
      const appointmentId = topic.slice(ROOM.length);
      if (!UUID.test(appointmentId)) return null;
      const a = await appointment(deps, appointmentId).catch(() => null);
      if (!a || a.visit_type !== 'video') return null;
      let personId: string;
      if (await isClinicianOf(deps, session, a)) personId = session.personId;
      else if (await isPatientOf(deps, session, a)) personId = a.patient_id === session.personId ? session.personId : a.patient_id;
      else return null;
      return feedFor(appointmentId, personId);
    },
    async openForGuest({ guest, topic, requestId }) {
      const appointmentId = topic.slice(ROOM.length);
      const row = UUID.test(appointmentId) ? await store.participant(deps.db, guest.id) : undefined;
      if (!row || row.appointment_id !== appointmentId) return null;
      const address = addressOf(row);
      return feedFor(appointmentId, address === guest.id ? guest.id : address);
    },
  });

  // 'video:waiting:me': a clinician's waiting list across their video appointments (the day list shows it). Each
  // patient it names is an audited access, once per subscription.
  live.register({
    prefix: WAITING,
    async open({ session, topic, requestId }) {
      if (topic !== WAITING || session.kind !== 'staff' || !session.clinicId || !session.roles.includes('clinician')) return null;
      const practitionerId = await store.practitionerOfPerson(deps.db, session.personId);
      if (!practitionerId) return null;
      const audited = new Set<string>();
      return {
        busTopics: [practitionerRoomsTopic(practitionerId)],
        snapshot: async (): Promise<WaitingRooms> => {
          const rows = await store.waitingForPractitioner(deps.db, practitionerId, new Date());
          for (const patientId of new Set(rows.map((r) => r.patient_id))) {
            if (audited.has(patientId)) continue;
            await recordAccess(deps.db, { actorPersonId: session.personId, actorKind: 'staff', subjectPersonId: patientId, clinicId: session.clinicId, action: 'video.waiting.read', reason: 'video consultation', requestId });
            audited.add(patientId);
          }
          const rooms = new Map<string, WaitingRooms['rooms'][number]>();
          for (const r of rows) {
            const room = rooms.get(r.appointment_id) ?? { appointmentId: r.appointment_id, startsAt: new Date(r.starts_at).toISOString(), waiting: [] };
            room.waiting.push({ participantId: r.participant_id, displayName: r.display_name, role: r.role, since: r.waiting_since ? new Date(r.waiting_since).toISOString() : null });
            rooms.set(r.appointment_id, room);
          }
          return { type: 'video.waiting', rooms: [...rooms.values()] };
        },
        // Which appointments' rooms are open now moves with the clock.
        changesWithTime: true,
      };
    },
  });

  // {"signal": {"room", "to", "data"}}: from an admitted participant to another admitted one of the same room, only.
  live.registerStream({
    key: 'signal',
    async receive({ viewer, data }) {
      const m = data as { room?: unknown; to?: unknown; data?: unknown } | null;
      if (!m || typeof m !== 'object' || typeof m.room !== 'string' || typeof m.to !== 'string' || !UUID.test(m.room) || !UUID.test(m.to) || m.data === undefined) return 'invalid';
      const pair = await store.admittedPair(deps.db, m.room, senderOf(viewer), m.to);
      if (!pair) return 'forbidden';
      const target = (await store.participant(deps.db, m.to))!;
      // Not carried (Redis away): the sender hears 'failed' and the call's ICE restart tries again once live.
      return (await deps.bus.publish(appointmentTopic(m.room), addressed([addressOf(target)], { type: 'video.signal', room: m.room, from: pair.from_id, data: m.data }))) ? null : 'failed';
    },
  });

  // {"chat": {"room", "text"}}: to every admitted participant, the sender too, so all see one order. Never stored.
  live.registerStream({
    key: 'chat',
    async receive({ viewer, data }) {
      const m = data as { room?: unknown; text?: unknown } | null;
      if (!m || typeof m !== 'object' || typeof m.room !== 'string' || !UUID.test(m.room) || typeof m.text !== 'string') return 'invalid';
      const text = m.text.trim();
      if (!text || text.length > MAX_CHAT_LENGTH) return 'invalid';
      const room = await store.admittedWithSender(deps.db, m.room, senderOf(viewer));
      if (!room) return 'forbidden';
      const message = { type: 'video.chat', room: m.room, from: room.from.id, displayName: room.from.display_name, role: room.from.role, text, at: new Date().toISOString() };
      return (await deps.bus.publish(appointmentTopic(m.room), addressed(room.everyone.map(addressOf), message))) ? null : 'failed';
    },
  });
}
