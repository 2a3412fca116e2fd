// Video consultation through the real HTTP layer, the live socket and PostgreSQL: join links, the waiting room,
// admitting (at most four), guests, signaling and chat between admitted participants only, TURN credentials.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { demoPerson, demoPractitionerId } from '../../../test/people.ts';
import { LiveClient, type LiveMessage } from '../../../test/live-client.ts';
import { signLink } from './domain.ts';

const SECRET = 'test-video-link-secret-of-at-least-32-chars';
const TURN_SECRET = 'turn-shared-secret';

describe('video consultation', () => {
  let server: TestServer;
  const ids: Record<string, string> = {};
  let lisePractitioner = '';
  const b = {} as Record<'ola' | 'kari' | 'ingrid' | 'lise' | 'per' | 'anna', Browser>;
  const sockets: LiveClient[] = [];
  let seq = 0;

  const live = async (who: Browser) => {
    const c = await LiveClient.open(who, server.url);
    sockets.push(c);
    return c;
  };
  /** A booked video appointment starting a few minutes from now (each one after the last, so none overlap). */
  async function videoAppointment(patientId: string, practitionerId = lisePractitioner): Promise<string> {
    const start = new Date(Date.now() + (2 + 3 * seq++) * 60_000);
    const end = new Date(start.getTime() + 3 * 60_000);
    const r = await server.database.owner.query(
      `INSERT INTO appointments (clinic_id, practitioner_id, patient_id, booked_by, visit_type, starts_at, ends_at, blocked_until)
       SELECT s.clinic_id, $1, $2, $2, 'video', $3, $4, $4 FROM practitioners pr JOIN staff_roles s ON s.person_id = pr.person_id WHERE pr.id = $1 LIMIT 1 RETURNING id`,
      [practitionerId, patientId, start, end],
    );
    return r.rows[0].id;
  }
  const json = async (res: Response) => ({ status: res.status, body: await res.json() });
  async function linkFor(who: Browser, appointmentId: string): Promise<string> {
    const res = await json(await who.fetch(`/api/video/appointments/${appointmentId}/link`));
    expect(res.status).toBe(200);
    return res.body.token;
  }
  const join = async (who: Browser, token: string) => json(await who.fetch('/api/video/join', { method: 'POST', json: { token } }));
  const enter = async (appointmentId: string) => json(await b.lise.fetch(`/api/video/rooms/${appointmentId}/enter`, { method: 'POST' }));
  const admit = async (appointmentId: string, participantId: string) => json(await b.lise.fetch(`/api/video/rooms/${appointmentId}/participants/${participantId}/admit`, { method: 'POST' }));
  async function invite(appointmentId: string, role: 'interpreter' | 'relative', displayName: string) {
    const res = await json(await b.lise.fetch(`/api/video/rooms/${appointmentId}/invitations`, { method: 'POST', json: { role, displayName } }));
    expect(res.status).toBe(201);
    return res.body as { token: string; participantId: string };
  }
  async function acceptAsGuest(token: string): Promise<{ guest: Browser; status: number; body: { participantId: string } }> {
    const guest = new Browser(server.url);
    const res = await json(await guest.fetch('/api/video/guest/accept', { method: 'POST', json: { token }, headers: { origin: server.url } }));
    return { guest, ...res };
  }
  const room = (m: LiveMessage) => m as unknown as { me: { participantId: string; state: string; leftReason: string | null } | null; waiting: Array<{ participantId: string; displayName: string }>; roster: Array<{ participantId: string; role: string; displayName: string }>; lateMinutes: number; status: string; endedReason: string | null; phoneRequest: unknown };

  beforeAll(async () => {
    server = await startTestServer({ VIDEO_LINK_SECRET: SECRET, TURN_URLS: 'turn:127.0.0.1:3479?transport=udp,turn:127.0.0.1:3479?transport=tcp', STUN_URLS: 'stun:127.0.0.1:3479', TURN_SECRET, TURN_TTL_SECONDS: '600' });
    const o = server.database.owner;
    for (const [key, name] of Object.entries({ ola: 'Ola Hansen', kari: 'Kari Nordmann', emma: 'Emma Nordmann', ingrid: 'Ingrid Solberg', lise: 'Lise Berg', per: 'Per Olsen', anna: 'Anna Lindqvist' })) {
      const p = await demoPerson(o, name);
      ids[key] = p.id;
      if (key === 'emma') continue;
      b[key as keyof typeof b] = new Browser(server.url);
      if (p.hpr) await b[key as keyof typeof b].login(p.nationalId, 'staff', { hpr: p.hpr });
      else await b[key as keyof typeof b].login(p.nationalId);
    }
    lisePractitioner = await demoPractitionerId(o, 'Lise Berg');
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.stop();
  });

  it('a join link works once untampered, for its own patient, and not after it expired or the appointment was cancelled', async () => {
    const appointmentId = await videoAppointment(ids.ola!);
    const token = await linkFor(b.ola, appointmentId);
    expect((await json(await b.ingrid.fetch(`/api/video/appointments/${appointmentId}/link`))).status).toBe(404);

    const [body, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const tampered = `${Buffer.from(JSON.stringify({ ...claims, p: ids.ingrid })).toString('base64url')}.${sig}`;
    expect((await join(b.ingrid, tampered)).body.type).toMatch(/video-link-invalid$/);
    expect((await join(b.ola, `${body}.${sig!.slice(0, -2)}AA`)).status).toBe(403);

    const other = await join(b.ingrid, token);
    expect(other.status).toBe(403);
    expect(other.body.type).toMatch(/video-link-other-patient$/);

    const expired = signLink(SECRET, { appointmentId, role: 'patient', personId: ids.ola!, version: claims.v, expiresAt: new Date(Date.now() - 1000) });
    expect((await join(b.ola, expired)).body.type).toMatch(/video-link-invalid$/);

    const ok = await join(b.ola, token);
    expect(ok).toMatchObject({ status: 200, body: { appointmentId, role: 'patient', state: 'waiting' } });
    expect((await join(b.ola, token)).body.participantId).toBe(ok.body.participantId);

    expect((await json(await b.lise.fetch(`/api/appointments/${appointmentId}/cancel`, { method: 'POST' }))).status).toBe(200);
    const after = await join(b.ola, token);
    expect(after.status).toBe(409);
    expect(after.body.type).toMatch(/video-room-closed$/);
  });

  it('a moved appointment stops its old link', async () => {
    const appointmentId = await videoAppointment(ids.ola!);
    const token = await linkFor(b.ola, appointmentId);
    await server.database.owner.query(`UPDATE appointments SET version = version + 1 WHERE id = $1`, [appointmentId]);
    expect((await join(b.ola, token)).body.type).toMatch(/video-room-closed$/);
    expect((await join(b.ola, await linkFor(b.ola, appointmentId))).status).toBe(200);
  });

  it('a parent joins for their child under 16 with the child\'s link', async () => {
    const appointmentId = await videoAppointment(ids.emma!);
    const res = await join(b.kari, await linkFor(b.kari, appointmentId));
    expect(res).toMatchObject({ status: 200, body: { role: 'patient', state: 'waiting' } });
    const audit = await server.database.owner.query(`SELECT actor_kind FROM audit_log WHERE action = 'video.join' AND subject_person_id = $1`, [ids.emma]);
    expect(audit.rows[0]?.actor_kind).toBe('guardian');
  });

  it('the clinician is told of every arrival, admits each, and the admitted see the roster; late minutes reach the waiting', async () => {
    const appointmentId = await videoAppointment(ids.ola!);
    const topic = `video:room:${appointmentId}`;
    const lise = await live(b.lise);
    expect(room(await lise.subscribe(topic))).toMatchObject({ me: null, waiting: [], status: 'open' });

    const patient = (await join(b.ola, await linkFor(b.ola, appointmentId))).body;
    const first = room(await lise.next((m) => m.topic === topic && room(m).waiting.length === 1));
    expect(first.waiting[0]).toMatchObject({ participantId: patient.participantId, displayName: 'Ola Hansen', role: 'patient' });
    const interpreter = await invite(appointmentId, 'interpreter', 'Tolk Amina');
    const guest = await acceptAsGuest(interpreter.token);
    expect(guest.status).toBe(200);
    const second = room(await lise.next((m) => m.topic === topic && room(m).waiting.length === 2));
    expect(second.waiting.map((w) => w.displayName)).toEqual(['Ola Hansen', 'Tolk Amina']);

    const ola = await live(b.ola);
    const waitingView = room(await ola.subscribe(topic));
    expect(waitingView).toMatchObject({ me: { state: 'waiting' }, roster: [], waiting: [] });
    expect((await json(await b.lise.fetch(`/api/video/rooms/${appointmentId}/late`, { method: 'PUT', json: { minutes: 10 } }))).status).toBe(200);
    expect(room(await ola.next((m) => m.topic === topic && room(m).lateMinutes === 10)).me?.state).toBe('waiting');

    const clinician = (await enter(appointmentId)).body;
    expect(clinician).toMatchObject({ role: 'clinician', state: 'admitted' });
    expect((await admit(appointmentId, patient.participantId)).status).toBe(200);
    const inCall = room(await ola.next((m) => m.topic === topic && room(m).me?.state === 'admitted'));
    expect(inCall.roster.map((r) => [r.role, r.displayName]).sort()).toEqual([['clinician', 'Lise Berg'], ['patient', 'Ola Hansen']]);
    expect(inCall.waiting).toEqual([]);
    expect((await json(await b.ingrid.fetch(`/api/video/rooms/${appointmentId}`))).status).toBe(404);
    expect((await json(await b.anna.fetch(`/api/video/rooms/${appointmentId}/participants/${guest.body.participantId}/admit`, { method: 'POST' }))).status).toBe(404);
  });

  it('nobody not admitted can signal or get ICE servers; admitted participants signal each other in order, and chat is passed on and kept nowhere', async () => {
    const appointmentId = await videoAppointment(ids.ola!);
    const topic = `video:room:${appointmentId}`;
    const patient = (await join(b.ola, await linkFor(b.ola, appointmentId))).body;
    const clinician = (await enter(appointmentId)).body;
    const [ola, lise] = [await live(b.ola), await live(b.lise)];
    await ola.subscribe(topic);
    await lise.subscribe(topic);

    expect((await json(await b.ola.fetch(`/api/video/rooms/${appointmentId}/ice-servers`))).body.type).toMatch(/video-not-admitted$/);
    ola.send({ signal: { room: appointmentId, to: clinician.participantId, data: { sdp: 'x' } } });
    expect(await ola.next((m) => m.type === 'error')).toMatchObject({ kind: 'signal', code: 'forbidden' });
    lise.send({ signal: { room: appointmentId, to: patient.participantId, data: { sdp: 'x' } } });
    expect(await lise.next((m) => m.type === 'error')).toMatchObject({ kind: 'signal', code: 'forbidden' });

    await admit(appointmentId, patient.participantId);
    await ola.next((m) => m.topic === topic && room(m).me?.state === 'admitted');
    const ice = (await json(await b.ola.fetch(`/api/video/rooms/${appointmentId}/ice-servers`))).body;
    const turn = ice.iceServers.find((s: { urls: string[] }) => s.urls[0]!.startsWith('turn:'));
    const [expiry, user] = turn.username.split(':');
    expect(user).toBe(patient.participantId);
    expect(Number(expiry) - Math.floor(Date.now() / 1000)).toBeGreaterThan(590);
    expect(turn.credential).toBe(createHmac('sha1', TURN_SECRET).update(turn.username).digest('base64'));
    expect(ice.iceServers[0]).toEqual({ urls: ['stun:127.0.0.1:3479'] });

    const sdp = 'v=0\r\n' + 'a=candidate:x\r\n'.repeat(2500); // ~37 KB, more than the 4 KB of subscribe messages
    ola.send({ signal: { room: appointmentId, to: clinician.participantId, data: { type: 'offer', sdp } } });
    for (let i = 0; i < 50; i++) ola.send({ signal: { room: appointmentId, to: clinician.participantId, data: { candidate: i } } });
    const offer = await lise.next((m) => m.type === 'video.signal');
    expect(offer).toMatchObject({ room: appointmentId, from: patient.participantId, data: { type: 'offer', sdp } });
    const order: number[] = [];
    for (let i = 0; i < 50; i++) order.push(((await lise.next((m) => m.type === 'video.signal')).data as { candidate: number }).candidate);
    expect(order).toEqual([...Array(50).keys()]);

    lise.send({ chat: { room: appointmentId, text: 'Hei, hører du meg?' } });
    for (const c of [ola, lise]) expect(await c.next((m) => m.type === 'video.chat')).toMatchObject({ from: clinician.participantId, displayName: 'Lise Berg', role: 'clinician', text: 'Hei, hører du meg?' });
    const stored = await server.database.owner.query(`SELECT count(*)::int AS n FROM pg_stat_user_tables WHERE n_live_tup > 0 AND relname ILIKE '%chat%'`);
    expect(stored.rows[0].n).toBe(0);
    const anywhere = await server.database.owner.query(
      `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name LIKE 'video%' AND column_name IN ('text', 'message', 'body', 'chat')`,
    );
    expect(anywhere.rows).toEqual([]);
  });

  it('cancelling the appointment empties the waiting room at once, each told why', async () => {
    const appointmentId = await videoAppointment(ids.ola!);
    const topic = `video:room:${appointmentId}`;
    await join(b.ola, await linkFor(b.ola, appointmentId));
    const ola = await live(b.ola);
    expect(room(await ola.subscribe(topic)).me?.state).toBe('waiting');
    expect((await json(await b.lise.fetch(`/api/appointments/${appointmentId}/cancel`, { method: 'POST' }))).status).toBe(200);
    const gone = room(await ola.next((m) => m.topic === topic && room(m).status === 'ended'));
    expect(gone).toMatchObject({ me: { state: 'left', leftReason: 'cancelled' }, endedReason: 'cancelled' });
    const rows = await server.database.owner.query(`SELECT state, left_reason FROM video_participants WHERE appointment_id = $1`, [appointmentId]);
    expect(rows.rows).toEqual([{ state: 'left', left_reason: 'cancelled' }]);
  });

  it('a guest invitation works once; the guest reaches only their room', async () => {
    const appointmentId = await videoAppointment(ids.ola!);
    const otherAppointment = await videoAppointment(ids.ingrid!);
    const relative = await invite(appointmentId, 'relative', 'Berit Hansen');
    const first = await acceptAsGuest(relative.token);
    expect(first.body).toMatchObject({ participantId: relative.participantId, state: 'waiting' });
    const again = await acceptAsGuest(relative.token);
    expect(again.status).toBe(403);
    expect((again.body as unknown as { type: string }).type).toMatch(/video-invitation-invalid$/);
    const stored = await server.database.owner.query(`SELECT token_hash FROM video_invitations WHERE participant_id = $1`, [relative.participantId]);
    expect(stored.rows[0].token_hash).not.toBe(relative.token);

    const guest = first.guest;
    expect((await json(await guest.fetch(`/api/video/rooms/${appointmentId}`))).body.me).toMatchObject({ role: 'relative', state: 'waiting' });
    expect((await guest.fetch(`/api/video/rooms/${otherAppointment}`)).status).toBe(401);
    expect((await guest.fetch('/api/me')).status).toBe(401);
    const socket = await live(guest);
    expect(room(await socket.subscribe(`video:room:${appointmentId}`)).me?.state).toBe('waiting');
    expect(await socket.subscribe(`video:room:${otherAppointment}`)).toMatchObject({ type: 'error', code: 'forbidden' });
    expect(await socket.subscribe('dropin:staff')).toMatchObject({ type: 'error', code: 'forbidden' });

    await json(await b.lise.fetch(`/api/video/rooms/${appointmentId}/participants/${relative.participantId}/remove`, { method: 'POST' }));
    expect((await guest.fetch(`/api/video/rooms/${appointmentId}`)).status).toBe(401);
  });

  it('at most four are admitted, even when the clinician admits six at once', async () => {
    const appointmentId = await videoAppointment(ids.ola!);
    await enter(appointmentId);
    await join(b.ola, await linkFor(b.ola, appointmentId));
    const guests = [];
    for (let i = 0; i < 5; i++) guests.push((await acceptAsGuest((await invite(appointmentId, 'relative', `Slekt ${i}`)).token)).body.participantId);
    const view = (await json(await b.lise.fetch(`/api/video/rooms/${appointmentId}`))).body;
    const waiting = view.waiting.map((w: { participantId: string }) => w.participantId);
    expect(waiting).toHaveLength(6);
    const results = await Promise.all(waiting.map((id: string) => admit(appointmentId, id)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409).every((r) => /video-room-full$/.test(r.body.type))).toBe(true);
    const counted = await server.database.owner.query(`SELECT r.admitted_count, (SELECT count(*)::int FROM video_participants p WHERE p.appointment_id = r.appointment_id AND p.state = 'admitted') AS n FROM video_rooms r WHERE r.appointment_id = $1`, [appointmentId]);
    expect(counted.rows[0]).toEqual({ admitted_count: 4, n: 4 });
  });

  it('the clinician records the identity check, sees "call me on the phone", and ending the call completes the appointment', async () => {
    const appointmentId = await videoAppointment(ids.ola!);
    const topic = `video:room:${appointmentId}`;
    const patient = (await join(b.ola, await linkFor(b.ola, appointmentId))).body;
    await enter(appointmentId);
    const lise = await live(b.lise);
    await lise.subscribe(topic);
    expect((await json(await b.ola.fetch(`/api/video/rooms/${appointmentId}/phone-instead`, { method: 'POST', json: { phone: '+47 91000002' } }))).status).toBe(200);
    expect(room(await lise.next((m) => m.topic === topic && room(m).phoneRequest !== null)).phoneRequest).toMatchObject({ phone: '+4791000002' });
    await admit(appointmentId, patient.participantId);
    const checked = await json(await b.lise.fetch(`/api/video/rooms/${appointmentId}/identity-check`, { method: 'POST' }));
    expect(checked.body.identityCheckedAt).toBeTruthy();
    expect((await json(await b.per.fetch(`/api/video/rooms/${appointmentId}/end`, { method: 'POST' }))).status).toBe(404);
    const ended = await json(await b.lise.fetch(`/api/video/rooms/${appointmentId}/end`, { method: 'POST' }));
    expect(ended.body).toMatchObject({ status: 'ended', endedReason: 'completed', roster: [] });
    const a = await server.database.owner.query(`SELECT status FROM appointments WHERE id = $1`, [appointmentId]);
    expect(a.rows[0].status).toBe('completed');
    const ola = await json(await b.ola.fetch(`/api/video/rooms/${appointmentId}`));
    expect(ola.body.me).toMatchObject({ state: 'left', leftReason: 'ended' });
    const actions = await server.database.owner.query(`SELECT action FROM audit_log WHERE subject_person_id = $1 AND action LIKE 'video.%'`, [ids.ola]);
    expect(actions.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['video.enter', 'video.admit', 'video.identity-check', 'video.end', 'video.room.read']));
  });
});
