// What the patient's "Min side" API returns: the person, whom they act for, their GP and clinic, their children.
import type { Db } from '../platform/db/database.ts';
import { NotFound } from '../platform/http/errors.ts';
import { ageOn, maskNationalId } from '../../shared/national-id.ts';
import { localDate } from '../../shared/time.ts';
import { proxyAccess } from './domain.ts';
import * as people from './people.ts';

function gpSummary(gp: Awaited<ReturnType<typeof people.gpOf>>) {
  return gp ? { name: gp.gp_name, profession: gp.profession, practitionerId: gp.practitioner_id, clinicId: gp.clinic_id } : null;
}

const gpSchema = {
  type: ['object', 'null'],
  properties: { name: { type: ['string', 'null'] }, profession: { type: 'string' }, practitionerId: { type: 'string' }, clinicId: { type: 'string' } },
} as const;

export async function meView(db: Db, personId: string, actingForId: string | null) {
  const today = localDate(new Date());
  const person = await people.getPerson(db, personId);
  if (!person) throw NotFound();
  const subject = actingForId ? await people.getPerson(db, actingForId) : person;
  if (!subject) throw NotFound();
  const gp = await people.gpOf(db, subject.id);
  const children = await people.childrenOf(db, person.id);
  const childGps = new Map(await Promise.all(children.map(async (c) => [c.id, await people.gpOf(db, c.id)] as const)));
  return {
    person: {
      id: person.id,
      name: person.name,
      maskedNationalId: maskNationalId(person.national_id),
      birthDate: person.birth_date,
      age: ageOn(person.birth_date, today),
      phone: person.phone,
      email: person.email,
    },
    actingFor: actingForId ? { id: subject.id, name: subject.name } : null,
    subject: { id: subject.id, name: subject.name, maskedNationalId: maskNationalId(subject.national_id), age: ageOn(subject.birth_date, today) },
    gp: gpSummary(gp),
    clinic: gp
      ? {
          id: gp.clinic_id,
          name: gp.clinic_name,
          kind: gp.clinic_kind,
          phone: gp.phone,
          email: gp.email,
          address: gp.address,
          website: gp.website,
          services: gp.services,
        }
      : null,
    children: children.map((c) => {
      const access = proxyAccess(true, c.birth_date, today);
      return {
        id: c.id,
        name: c.name,
        age: ageOn(c.birth_date, today),
        maskedNationalId: maskNationalId(c.national_id),
        canActFor: access !== 'none',
        access,
        gp: gpSummary(childGps.get(c.id)),
      };
    }),
  };
}

const nullableString = { type: ['string', 'null'] } as const;

export const meSchema = {
  type: 'object',
  properties: {
    person: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        name: nullableString,
        maskedNationalId: { type: 'string' },
        birthDate: { type: 'string' },
        age: { type: 'integer' },
        phone: nullableString,
        email: nullableString,
      },
    },
    actingFor: { type: ['object', 'null'], properties: { id: { type: 'string' }, name: nullableString } },
    subject: {
      type: 'object',
      properties: { id: { type: 'string' }, name: nullableString, maskedNationalId: { type: 'string' }, age: { type: 'integer' } },
    },
    gp: gpSchema,
    clinic: {
      type: ['object', 'null'],
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        kind: { type: 'string' },
        phone: nullableString,
        email: nullableString,
        address: nullableString,
        website: nullableString,
        services: { type: 'array', items: { type: 'string' } },
      },
    },
    children: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          name: nullableString,
          age: { type: 'integer' },
          maskedNationalId: { type: 'string' },
          canActFor: { type: 'boolean' },
          access: { type: 'string', enum: ['full', 'limited', 'none'] },
          gp: gpSchema,
        },
      },
    },
  },
} as const;
