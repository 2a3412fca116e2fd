// The clinician's waiting list across their video appointments ('video:waiting:me'), live over the real socket: every
// patient who arrives is shown, in every room, and gone once admitted; only the clinician's own; each patient audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestServer, type TestServer } from '../../../test/server.ts';
import { demoPerson } from '../../../test/people.ts';
import { LiveClient, type LiveMessage } from '../../../test/live-client.ts';
import { videoAppointment } from '../../../e2e/video-pages.ts';
import type { WaitingRooms } from '../../shared/video-api.ts';

const TOPIC = 'video:waiting:me';

describe('the clinician\'s video waiting list', () => {
  let server: TestServer;
  const b = {} as Record<'lise' | 'per' | 'ola' | 'ingrid', Browser>;
  const sockets: LiveClient[] = [];
  const live = async (who: Browser) => {
    const c = await LiveClient.open(who, server.url);
    sockets.push(c);
    return c;
  };
  const rooms = (m: LiveMessage) => (m as unknown as WaitingRooms).rooms;
  const names = (m: LiveMessage) => rooms(m).flatMap((r) => r.waiting.map((w) => `${r.appointmentId}:${w.displayName}`));
  async function arrive(who: Browser, appointmentId: string): Promise<string> {
    const link = (await (await who.fetch(`/api/video/appointments/${appointmentId}/link`)).json()) as { token: string };
    const joined = await who.fetch('/api/video/join', { method: 'POST', json: { token: link.token } });
    expect(joined.status).toBe(200);
    return ((await joined.json()) as { participantId: string }).participantId;
  }

  beforeAll(async () => {
    server = await startTestServer({ VIDEO_LINK_SECRET: 'test-video-link-secret-of-at-least-32-chars' });
    for (const [key, name] of Object.entries({ lise: 'Lise Berg', per: 'Per Olsen', ola: 'Ola Hansen', ingrid: 'Ingrid Solberg' })) {
      const p = await demoPerson(server.database.owner, name);
      b[key as keyof typeof b] = new Browser(server.url);
      await b[key as keyof typeof b].login(p.nationalId, p.hpr ? 'staff' : 'patient', p.hpr ? { hpr: p.hpr } : undefined);
    }
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.stop();
  });

  it('shows each patient the moment they arrive, in every room, and not after they are let in', async () => {
    const first = await videoAppointment(server.database.owner, 'Ola Hansen', 5);
    const second = await videoAppointment(server.database.owner, 'Ingrid Solberg', 12);
    const lise = await live(b.lise);
    expect(names(await lise.subscribe(TOPIC))).toEqual([]);

    const ola = await arrive(b.ola, first);
    expect(names(await lise.next((m) => m.topic === TOPIC && names(m).length === 1))).toEqual([`${first}:Ola Hansen`]);
    await arrive(b.ingrid, second);
    expect(names(await lise.next((m) => m.topic === TOPIC && names(m).length === 2))).toEqual([`${first}:Ola Hansen`, `${second}:Ingrid Solberg`]);

    expect((await b.lise.fetch(`/api/video/rooms/${first}/enter`, { method: 'POST' })).status).toBe(200);
    expect((await b.lise.fetch(`/api/video/rooms/${first}/participants/${ola}/admit`, { method: 'POST' })).status).toBe(200);
    expect(names(await lise.next((m) => m.topic === TOPIC && names(m).length === 1))).toEqual([`${second}:Ingrid Solberg`]);

    const audit = await server.database.owner.query(`SELECT count(DISTINCT subject_person_id)::int AS n FROM audit_log WHERE action = 'video.waiting.read'`);
    expect(audit.rows[0].n).toBe(2);
  });

  it('is another clinician\'s own list only, and not for patients', async () => {
    const appointmentId = await videoAppointment(server.database.owner, 'Ola Hansen', 30);
    await arrive(b.ola, appointmentId);
    const per = await live(b.per);
    expect(names(await per.subscribe(TOPIC))).toEqual([]);
    const ola = await live(b.ola);
    expect((await ola.subscribe(TOPIC)).code).toBe('forbidden');
  });
});
