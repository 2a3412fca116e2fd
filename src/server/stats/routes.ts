// HTTP for clinic statistics: the clinic admin's weekly figures, read from the anonymous daily counts (so deleted
// communication leaves them as they were), with today's counted on the fly. No patient data: nothing is audited.
import type { FastifyInstance } from 'fastify';
import { localDate } from '../../shared/time.ts';
import type { Db } from '../platform/db/database.ts';
import { Invalid, NotFound } from '../platform/http/errors.ts';
import { CLINIC_ADMIN, clinicPeriodQuery, ownClinicPeriod } from '../platform/http/clinic-admin.ts';
import { daysBetween, weeklyStats } from './domain.ts';
import { computeDay } from './rollup.ts';
import * as store from './store.ts';

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const num = { type: ['number', 'null'] } as const;
/** The longest period asked for at once: a year of weeks. */
const MAX_DAYS = 371;

const weekSchema = {
  type: 'object',
  properties: {
    week: str,
    monday: str,
    bookings: { type: 'object', properties: { clinic: int, video: int, phone: int } },
    cancelled: int,
    noShows: int,
    noShowRate: num,
    dropinTaken: int,
    dropinWaitP50: num,
    dropinWaitP90: num,
    econsultSubmitted: int,
    econsultDueSameDay: int,
    econsultAnsweredSameDay: int,
    videoStarted: int,
    videoCompleted: int,
    messagesAnswered: int,
    messageAnswerMedianHours: num,
  },
} as const;

export async function statsRoutes(app: FastifyInstance, opts: { db: Db }): Promise<void> {
  const { db } = opts;

  app.get<{ Querystring: { clinicId: string; from: string; to: string } }>(
    '/api/admin/statistics',
    {
      config: CLINIC_ADMIN,
      schema: {
        querystring: clinicPeriodQuery({}),
        response: { 200: { type: 'object', properties: { clinicId: str, from: str, to: str, today: str, weeks: { type: 'array', items: weekSchema } } } },
      },
    },
    async (req) => {
      const { clinicId, from, to } = ownClinicPeriod(req, req.query);
      const clinic = await store.clinic(db, clinicId);
      if (!clinic) throw NotFound();
      if (daysBetween(from, to).length > MAX_DAYS) throw Invalid('problem.invalid', { detail: `at most ${MAX_DAYS} days` });
      const today = localDate(new Date(), clinic.timeZone);
      const rows = (await store.countsBetween(db, clinic.id, from, to)).filter((r) => r.day !== today);
      if (from <= today && today <= to) rows.push(...(await computeDay(db, clinic, today)));
      return { clinicId: clinic.id, from, to, today, weeks: weeklyStats(rows, from, to) };
    },
  );
}
