// Two server instances on one database and one Redis: the patient on one, the clinician on the other, and the
// waiting room, admitting and signaling work between them as on one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createLogger } from '../platform/logger.ts';
import { startServer, type RunningServer } from '../server.ts';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { freePort } from '../../../test/global-setup.ts';
import { demoPerson, demoPractitionerId } from '../../../test/people.ts';
import { LiveClient, type LiveMessage } from '../../../test/live-client.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = 'cross-instance-video-link-secret-0123456789';

describe('video across two server instances over Redis', () => {
  let a: TestServer;
  let b: RunningServer;
  let bUrl = '';
  const sockets: LiveClient[] = [];
  let ola: Browser;
  let lise: Browser;
  let appointmentId = '';

  beforeAll(async () => {
    const prefix = `nettlege-video-x-${process.pid}-${Date.now()}:`;
    a = await startTestServer({ REDIS_URL, REDIS_PREFIX: prefix, VIDEO_LINK_SECRET: SECRET });
    const port = await freePort();
    bUrl = `http://127.0.0.1:${port}`;
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: bUrl,
      DATABASE_URL: a.databaseUrl,
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      REDIS_URL,
      REDIS_PREFIX: prefix,
      VIDEO_LINK_SECRET: SECRET,
    });
    b = await startServer(config, createLogger(config.logLevel));
    const o = a.database.owner;
    const [olaP, liseP] = [await demoPerson(o, 'Ola Hansen'), await demoPerson(o, 'Lise Berg')];
    ola = new Browser(a.url);
    await ola.login(olaP.nationalId);
    lise = new Browser(bUrl);
    await lise.login(liseP.nationalId, 'staff', { hpr: liseP.hpr! });
    const practitioner = await demoPractitionerId(o, 'Lise Berg');
    const start = new Date(Date.now() + 5 * 60_000);
    const end = new Date(start.getTime() + 15 * 60_000);
    appointmentId = (
      await o.query(
        `INSERT INTO appointments (clinic_id, practitioner_id, patient_id, booked_by, visit_type, starts_at, ends_at, blocked_until)
         SELECT s.clinic_id, $1, $2, $2, 'video', $3, $4, $4 FROM practitioners pr JOIN staff_roles s ON s.person_id = pr.person_id WHERE pr.id = $1 LIMIT 1 RETURNING id`,
        [practitioner, olaP.id, start, end],
      )
    ).rows[0].id;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await b?.close();
    await a?.stop();
  });

  it('the clinician on one instance is told of the patient arriving on the other, admits them, and they signal each other in order', async () => {
    const topic = `video:room:${appointmentId}`;
    const isRoom = (m: LiveMessage) => m.topic === topic && m.type === 'video.room';
    const state = (m: LiveMessage) => (m.me as { state: string } | null)?.state;

    const clinicianSocket = await LiveClient.open(lise, bUrl);
    sockets.push(clinicianSocket);
    await clinicianSocket.subscribe(topic);
    const clinician = await (await lise.fetch(`/api/video/rooms/${appointmentId}/enter`, { method: 'POST' })).json();

    const token = (await (await ola.fetch(`/api/video/appointments/${appointmentId}/link`)).json()).token;
    const patient = await (await ola.fetch('/api/video/join', { method: 'POST', json: { token } })).json();
    const patientSocket = await LiveClient.open(ola, a.url);
    sockets.push(patientSocket);
    expect(state(await patientSocket.subscribe(topic))).toBe('waiting');

    const told = await clinicianSocket.next((m) => isRoom(m) && (m.waiting as unknown[]).length === 1);
    expect((told.waiting as Array<{ participantId: string }>)[0]!.participantId).toBe(patient.participantId);

    expect((await lise.fetch(`/api/video/rooms/${appointmentId}/participants/${patient.participantId}/admit`, { method: 'POST' })).status).toBe(200);
    await patientSocket.next((m) => isRoom(m) && state(m) === 'admitted');
    // The inbox subscriptions on Redis became active when each subscribed; a moment more for the SUBSCRIBE round trip.
    await new Promise((r) => setTimeout(r, 200));

    patientSocket.send({ signal: { room: appointmentId, to: clinician.participantId, data: { type: 'offer', sdp: 'v=0 offer' } } });
    for (let i = 0; i < 30; i++) patientSocket.send({ signal: { room: appointmentId, to: clinician.participantId, data: { candidate: i } } });
    const offer = await clinicianSocket.next((m) => m.type === 'video.signal');
    expect(offer).toMatchObject({ from: patient.participantId, data: { type: 'offer', sdp: 'v=0 offer' } });
    const order: number[] = [];
    for (let i = 0; i < 30; i++) order.push(((await clinicianSocket.next((m) => m.type === 'video.signal')).data as { candidate: number }).candidate);
    expect(order).toEqual([...Array(30).keys()]);

    clinicianSocket.send({ signal: { room: appointmentId, to: patient.participantId, data: { type: 'answer', sdp: 'v=0 answer' } } });
    expect(await patientSocket.next((m) => m.type === 'video.signal')).toMatchObject({ from: clinician.participantId, data: { type: 'answer' } });
  });
});
