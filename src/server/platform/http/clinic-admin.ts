// What the clinic admin's reports share (settlement, insurance claims, statistics): the access rule, a query of the
// clinic and a period of its days, and the rule that an admin reads their own clinic only (another's is not found).
import type { FastifyRequest } from 'fastify';
import { NotFound } from './errors.ts';

export const CLINIC_ADMIN = { access: { kind: 'staff' as const, roles: ['clinic_admin' as const] } };

/** The query schema of a report: clinicId, from and to (dates), and `extra` properties. */
export function clinicPeriodQuery<T extends Record<string, object>>(extra: T) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['clinicId', 'from', 'to'],
    properties: { clinicId: { type: 'string', format: 'uuid' }, from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' }, ...extra },
  } as const;
}

/** The admin's own clinic and the period in order (the earlier date first); another clinic is not found. */
export function ownClinicPeriod(req: FastifyRequest, q: { clinicId: string; from: string; to: string }): { clinicId: string; from: string; to: string } {
  if (q.clinicId !== req.session!.clinicId) throw NotFound();
  return q.from <= q.to ? { clinicId: q.clinicId, from: q.from, to: q.to } : { clinicId: q.clinicId, from: q.to, to: q.from };
}
