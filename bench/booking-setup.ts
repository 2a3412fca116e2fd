// The booking benchmark's world: its own database, the real server on loopback, a clinic with wide-open hours, patients with sessions.
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { loadConfig } from '../src/server/config.ts';
import { createLogger } from '../src/server/platform/logger.ts';
import { openDatabase, type Db } from '../src/server/platform/db/database.ts';
import { startServer, type RunningServer, type StartOptions } from '../src/server/server.ts';
import { createSession } from '../src/server/identity/sessions.ts';
import { parseNorwegian } from '../src/shared/national-id.ts';
import { syntheticNationalId } from '../src/server/demo/synthetic-ids.ts';
import { localDate } from '../src/shared/time.ts';
import { freePort, withDatabase } from '../test/global-setup.ts';
import { admin } from './queue-setup.ts';

export interface Patient {
  cookie: string;
  csrfToken: string;
}

export interface BenchWorld {
  server: RunningServer;
  clinicId: string;
  patients: Patient[];
  /** Counts overlapping booked appointments of one clinician: must stay 0. */
  doubleBookings(): Promise<number>;
  bookedCount(): Promise<number>;
  close(): Promise<void>;
}

/** Clinicians split the day between them, so no instant is offered twice and a patient never holds two at once. */
const SHIFTS = [['00:00', '08:00'], ['08:00', '16:00'], ['16:00', '23:55']] as const;




async function connectionsTo(adminUrl: string, database: string): Promise<number> {
  const [row] = await admin<{ n: number }>(adminUrl, 'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [database]);
  return row?.n ?? 0;
}

/** The n-th synthetic person born in `year`, as the demo data makes them. */
function syntheticPerson(year: number, n: number) {
  const d = new Date(Date.UTC(year, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const id = parseNorwegian(syntheticNationalId(d))!;
  return { national_id: id.value, national_id_kind: id.kind, birth_date: id.birthDate };
}

/**
 * The benchmarks' clinic: open every day around the clock (clinicians in shifts, 5-minute video slots, so no instant is
 * offered twice) and `patientCount` synthetic patients with phone numbers.
 */
export async function seedBenchClinic(db: Db, patientCount: number): Promise<{ clinicId: string; patientIds: string[]; nationalIds: string[]; clinicianNationalIds: Array<{ nationalId: string; hpr: string }> }> {
  const clinic = await db
    .insertInto('clinics')
    .values({ name: 'Benkeby legesenter', org_number: '900000001', kind: 'private', time_zone: 'Europe/Oslo', phone: '+47 22 99 99 99', services: ['booking'] })
    .returning('id')
    .executeTakeFirstOrThrow();
  const clinicians = await db.insertInto('persons').values(SHIFTS.map((_, i) => ({ ...syntheticPerson(1960, i), name: `Benk lege ${i + 1}` }))).returning('id').execute();
  const practitioners = await db
    .insertInto('practitioners')
    .values(clinicians.map((c, i) => ({ person_id: c.id, hpr_number: String(9_000_001 + i), profession: 'doctor' as const })))
    .returning(['id', 'person_id'])
    .execute();
  await db.insertInto('staff_roles').values(practitioners.map((p) => ({ person_id: p.person_id, clinic_id: clinic.id, role: 'clinician' as const }))).execute();
  await db
    .insertInto('availability_rules')
    .values(practitioners.flatMap((p, i) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      clinic_id: clinic.id, practitioner_id: p.id, weekday, start_time: SHIFTS[i]![0], end_time: SHIFTS[i]![1],
      visit_types: ['video' as const], slot_minutes: 5, buffer_minutes: 0, valid_from: localDate(new Date()),
    }))))
    .execute();

  const people = await db
    .insertInto('persons')
    .values(Array.from({ length: patientCount }, (_, i) => ({ ...syntheticPerson(1930, i), name: `Benk pasient ${i + 1}`, phone: `+479${String(5_000_000 + i).padStart(7, '0')}` })))
    .returning('id')
    .execute();
  return {
    clinicId: clinic.id,
    patientIds: people.map((p) => p.id),
    nationalIds: Array.from({ length: patientCount }, (_, i) => syntheticPerson(1930, i).national_id),
    clinicianNationalIds: SHIFTS.map((_, i) => ({ nationalId: syntheticPerson(1960, i).national_id, hpr: String(9_000_001 + i) })),
  };
}

export async function startBenchWorld(adminUrl: string, patientCount: number, opts: StartOptions = {}): Promise<BenchWorld> {
  const name = `nettlege_bench_${randomBytes(5).toString('hex')}`;
  await admin(adminUrl, `CREATE DATABASE ${name}`);
  const url = withDatabase(adminUrl, name);
  const drop = async () => {
    if (process.env.BENCH_KEEP_DB) return console.error(`bench: kept the database ${name} (BENCH_KEEP_DB)`);
    // The job queue closes its connections just after it says it stopped; give it a moment before forcing them.
    for (let i = 0; i < 50 && (await connectionsTo(adminUrl, name)) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  let server: RunningServer | undefined;
  let owner: ReturnType<typeof openDatabase>['db'] | undefined;
  try {
    const port = await freePort();
    const config = loadConfig({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: url,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
      DEV_OUTBOX: 'false',
      RATE_LIMIT_PER_MINUTE: '100000000',
    });
    // Logs to stderr: stdout is kept for the result line.
    server = await startServer(config, createLogger(config.logLevel, pino.destination(2)), opts);
    owner = openDatabase(url, pino({ level: 'silent' }), { useAppRole: false, max: 4 }).db;
    const db = owner;

    const { clinicId, patientIds: people } = await seedBenchClinic(db, patientCount);
    const timeouts = { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours };
    const patients: Patient[] = [];
    for (const id of people) {
      const token = await createSession(db, timeouts, { personId: id, kind: 'patient', clinicId: null, language: 'nb' });
      const cookie = `nettlege_session=${token}`;
      // The CSRF token comes the way the web app gets it: from the session endpoint.
      const session = (await (await fetch(`${server.url}/api/session`, { headers: { cookie } })).json()) as { csrfToken?: string };
      if (!session.csrfToken) throw new Error('the session endpoint gave no CSRF token');
      patients.push({ cookie, csrfToken: session.csrfToken });
    }

    const ownerDb = db;
    const running = server;
    return {
      server: running,
      clinicId,
      patients,
      async doubleBookings() {
        const r = await ownerDb
          .selectFrom('appointments as a')
          .innerJoin('appointments as b', (j) => j.onRef('a.practitioner_id', '=', 'b.practitioner_id').onRef('a.id', '<', 'b.id'))
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('a.status', '=', 'booked')
          .where('b.status', '=', 'booked')
          .whereRef('a.starts_at', '<', 'b.blocked_until')
          .whereRef('b.starts_at', '<', 'a.blocked_until')
          .executeTakeFirstOrThrow();
        return Number(r.n);
      },
      async bookedCount() {
        const r = await ownerDb.selectFrom('appointments').select((eb) => eb.fn.countAll<string>().as('n')).where('clinic_id', '=', clinicId).where('status', '=', 'booked').executeTakeFirstOrThrow();
        return Number(r.n);
      },
      async close() {
        await running.close();
        await ownerDb.destroy();
        await drop();
      },
    };
  } catch (err) {
    await server?.close().catch(() => undefined);
    await owner?.destroy().catch(() => undefined);
    await drop().catch(() => undefined);
    throw err;
  }
}
