// HTTP for the staff start page and the audited patient summary.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../platform/db/database.ts';
import { NotFound } from '../platform/http/errors.ts';
import { ageOn, maskNationalId } from '../../shared/national-id.ts';
import { localDate } from '../../shared/time.ts';
import { getPerson, gpOf, patientsOfClinic, staffMembershipsOf } from '../identity/people.ts';

const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;

export async function staffRoutes(app: FastifyInstance, opts: { db: Db }): Promise<void> {
  const { db } = opts;

  app.get(
    '/api/staff/home',
    {
      config: { access: { kind: 'staff' } },
      schema: {
        response: {
          200: {
            type: 'object',
            properties: {
              person: { type: 'object', properties: { id: str, name: nstr } },
              clinic: { type: 'object', properties: { id: str, name: str, kind: str } },
              roles: { type: 'array', items: str },
              hprNumber: nstr,
              /** The staff member as a clinician (their appointments, notes), or null. */
              practitionerId: nstr,
              patients: {
                type: 'array',
                items: { type: 'object', properties: { id: str, name: nstr, maskedNationalId: str, age: { type: 'integer' } } },
              },
            },
          },
        },
      },
    },
    async (req) => {
      const s = req.session!;
      const today = localDate(new Date());
      const person = await getPerson(db, s.personId);
      const memberships = (await staffMembershipsOf(db, s.personId)).filter((m) => m.clinic_id === s.clinicId);
      const clinic = await db.selectFrom('clinics').select(['id', 'name', 'kind']).where('id', '=', s.clinicId!).executeTakeFirstOrThrow();
      const patients = await patientsOfClinic(db, s.clinicId!);
      return {
        person: { id: s.personId, name: person?.name ?? null },
        clinic,
        roles: s.roles,
        hprNumber: memberships[0]?.hpr_number ?? null,
        practitionerId: memberships[0]?.practitioner_id ?? null,
        patients: patients.map((p) => ({ id: p.id, name: p.name, maskedNationalId: maskNationalId(p.national_id), age: ageOn(p.birth_date, today) })),
      };
    },
  );

  app.get<{ Params: { patientId: string } }>(
    '/api/staff/patients/:patientId',
    {
      config: { access: { kind: 'staffOfPatient', param: 'patientId', action: 'patient.summary.read' } },
      schema: {
        params: { type: 'object', required: ['patientId'], properties: { patientId: { type: 'string', format: 'uuid' } } },
        response: {
          200: {
            type: 'object',
            properties: {
              id: str,
              name: nstr,
              maskedNationalId: str,
              birthDate: str,
              age: { type: 'integer' },
              phone: nstr,
              email: nstr,
              gp: { type: ['object', 'null'], properties: { name: nstr } },
            },
          },
        },
      },
    },
    async (req) => {
      const p = await getPerson(db, req.params.patientId);
      if (!p) throw NotFound();
      const gp = await gpOf(db, p.id);
      return {
        id: p.id,
        name: p.name,
        maskedNationalId: maskNationalId(p.national_id),
        birthDate: p.birth_date,
        age: ageOn(p.birth_date, localDate(new Date())),
        phone: p.phone,
        email: p.email,
        gp: gp ? { name: gp.gp_name } : null,
      };
    },
  );
}
