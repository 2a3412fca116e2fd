// A video appointment's confirmation carries the patient's signed join link; other visits, and cancellations, do not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { demoClinicId, demoPerson, demoPractitionerId } from '../../../test/people.ts';
import { videoLinkSecret } from './config.ts';
import { verifyLink } from './domain.ts';

describe('the join link in notices', () => {
  let server: TestServer;
  let ola: Browser;
  let olaId = '';
  let clinicId = '';
  let lise = '';

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '100000' });
    const o = server.database.owner;
    clinicId = await demoClinicId(o, 'Fjordbyen legekontor');
    lise = await demoPractitionerId(o, 'Lise Berg');
    const person = await demoPerson(o, 'Ola Hansen');
    olaId = person.id;
    ola = new Browser(server.url);
    await ola.login(person.nationalId);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const sms = async (appointmentId: string) =>
    (await server.database.owner.query<{ body: string; template: string }>(`SELECT body, template FROM notifications WHERE person_id = $1 AND channel = 'sms' AND idempotency_key LIKE $2 ORDER BY created_at`, [olaId, `%${appointmentId}%`])).rows;

  it('sends a video appointment’s confirmation with a link that verifies for this patient and appointment, and a cancellation without one', async () => {
    const from = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const to = new Date(Date.now() + 9 * 86_400_000).toISOString();
    const slots = (await (await ola.fetch(`/api/availability?clinicId=${clinicId}&practitionerId=${lise}&visitType=video&from=${from}&to=${to}`)).json()).slots as { start: string }[];
    const booked = await ola.fetch('/api/appointments', { method: 'POST', json: { practitionerId: lise, start: slots[3]!.start, visitType: 'video' } });
    expect(booked.status).toBe(201);
    const appointment = (await booked.json()) as { id: string };
    const [confirmation] = await sms(appointment.id);
    const token = /\/video\/join#([A-Za-z0-9_.-]+)/.exec(confirmation!.body)?.[1];
    expect(token).toBeTruthy();
    const claims = verifyLink(videoLinkSecret(server.config.video), token!, new Date());
    expect(claims).toMatchObject({ appointmentId: appointment.id, personId: olaId, role: 'patient' });

    expect((await ola.fetch(`/api/appointments/${appointment.id}/cancel`, { method: 'POST' })).status).toBe(200);
    const cancelled = (await sms(appointment.id)).find((m) => m.template === 'appointment-cancelled');
    expect(cancelled!.body).not.toContain('/video/join');

    const phone = await ola.fetch('/api/appointments', { method: 'POST', json: { practitionerId: lise, start: slots[6]!.start, visitType: 'phone' } });
    const [phoneSms] = await sms(((await phone.json()) as { id: string }).id);
    expect(phoneSms!.body).not.toContain('/video/join');
  });
});
