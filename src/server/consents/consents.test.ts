// Consent through the real server on real PostgreSQL: each kind shown with its text and version; SMS consent withdrawn
// stops SMS at once while e-mail goes on; every change kept with its version and time; sending an e-consultation
// counts as consent to it; a parent for a child under 16, nobody else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Browser, type TestServer } from '../../../test/server.ts';
import { demoClinicId, logInDemoPeople, type DemoKey } from '../../../test/people.ts';
import { econsultFlow, json } from '../econsult/test-flow.ts';
import { bookFirstFree } from '../booking/test-booking.ts';
import { CONSENT_TEXTS } from './texts.ts';

describe('consent', () => {
  let server: TestServer;
  let b: Record<DemoKey, Browser>;
  let ids: Record<DemoKey, string>;
  let fjordbyen = '';
  const flow = econsultFlow(() => server);
  const { q } = flow;
  const consents = async (who: Browser, patientId?: string) => (await json(await who.fetch(`/api/consents${patientId ? `?patientId=${patientId}` : ''}`))).body.consents as Array<Record<string, any>>;
  const put = (who: Browser, kind: string, body: Record<string, unknown>) => who.fetch(`/api/consents/${kind}`, { method: 'PUT', json: body }).then(json);

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '100000' });
    ({ b, ids } = await logInDemoPeople(server));
    fjordbyen = await demoClinicId(server.database.owner, 'Fjordbyen legekontor');
  });
  afterAll(async () => server?.stop());

  it('shows each consent with its text and version, never answered at first', async () => {
    const list = await consents(b.kari);
    expect(list.map((c) => c.kind)).toEqual(['econsult', 'sms', 'email']);
    expect(list[1]).toMatchObject({ kind: 'sms', given: null, version: null, changedAt: null, currentVersion: CONSENT_TEXTS.sms.version, text: CONSENT_TEXTS.sms.nb });
  });

  it('with SMS consent withdrawn, a booking sends Kari no SMS, but the e-mail still goes; giving it again brings SMS back', async () => {
    const withdrawn = await put(b.kari, 'sms', { given: false });
    expect(withdrawn.body).toMatchObject({ kind: 'sms', given: false, version: CONSENT_TEXTS.sms.version, changedAt: expect.any(String) });
    const booked = await bookFirstFree(b.kari, fjordbyen, 'video', 3);
    const sent = await q<{ channel: string }>(`SELECT channel FROM notifications WHERE person_id = $1 AND template = 'appointment-booked' AND created_at > now() - interval '1 minute'`, [ids.kari]);
    expect(sent.map((n) => n.channel)).toEqual(['email']);
    expect(booked).toBeTruthy();

    await put(b.kari, 'sms', { given: true });
    await bookFirstFree(b.kari, fjordbyen, 'video', 4);
    const both = await q<{ channel: string }>(`SELECT channel FROM notifications WHERE person_id = $1 AND template = 'appointment-booked' ORDER BY created_at DESC, channel LIMIT 2`, [ids.kari]);
    expect(both.map((n) => n.channel).sort()).toEqual(['email', 'sms']);
    // Every change kept, with the version and who made it.
    const events = await q<{ given: boolean; text_version: string; source: string }>(`SELECT given, text_version, source FROM consent_events WHERE person_id = $1 AND kind = 'sms' ORDER BY at`, [ids.kari]);
    expect(events).toEqual([
      { given: false, text_version: CONSENT_TEXTS.sms.version, source: 'consent-page' },
      { given: true, text_version: CONSENT_TEXTS.sms.version, source: 'consent-page' },
    ]);
    // The same answer again records nothing new.
    await put(b.kari, 'sms', { given: true });
    expect(await q(`SELECT count(*)::int AS n FROM consent_events WHERE person_id = $1 AND kind = 'sms'`, [ids.kari])).toEqual([{ n: 2 }]);
  });

  it('sending an e-consultation counts as consent to it, recorded for the patient with the version', async () => {
    const id = await flow.draft(b.kari, fjordbyen, { patientId: ids.emma });
    const sent = await json(await b.kari.fetch(`/api/econsult/cases/${id}/submit`, { method: 'POST' }));
    expect(sent.status).toBe(200);
    const emma = await consents(b.kari, ids.emma);
    expect(emma.find((c) => c.kind === 'econsult')).toMatchObject({ given: true, version: CONSENT_TEXTS.econsult.version });
    expect(await q(`SELECT source, by_person_id FROM consent_events WHERE person_id = $1 AND kind = 'econsult'`, [ids.emma])).toEqual([{ source: 'econsult-submit', by_person_id: ids.kari }]);
  });

  it('a parent answers for a child under 16; nobody else; unknown kinds and answers are refused', async () => {
    expect((await put(b.kari, 'email', { given: false, patientId: ids.emma })).body).toMatchObject({ kind: 'email', given: false });
    expect((await put(b.kari, 'email', { given: false, patientId: ids.ola })).status).toBe(403);
    expect((await b.kari.fetch(`/api/consents?patientId=${ids.ola}`)).status).toBe(403);
    expect((await put(b.kari, 'telepathy', { given: true })).status).toBe(400);
    expect((await put(b.kari, 'sms', { given: 'yes' })).status).toBe(400);
    expect((await b.per.fetch('/api/consents')).status).toBe(403);
  });
});
