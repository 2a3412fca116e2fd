// The bundled local prescription registry: keeps prescriptions in our own tables, issues reference numbers and
// honours locking; its pharmacy lookup backs the dev page that plays the pharmacy (/dev/pharmacy).
import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Tx } from '../platform/db/database.ts';
import { maskNationalId } from '../../shared/national-id.ts';
import { localDate } from '../../shared/time.ts';
import type { PharmacyPrescription } from './api.ts';
import type { DrugCatalogue } from './catalogue.ts';
import type { PharmacyLookup, PrescriptionRegistry } from './registry.ts';
import { prescriptionStatus } from './rules.ts';
import type { PrescriptionTables } from './schema.ts';

// Crockford's base 32: no I, L, O or U, so a number read aloud at the counter is not mistaken.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TRIES = 5;

/** A random reference number like `K7M2-9QXD` (40 bits). */
export function newReferenceNumber(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** What a person types at the counter: any case, with or without spaces and the dash. */
export function normaliseReference(input: string): string {
  const s = input.toUpperCase().replace(/[\s-]/g, '');
  return s.length === 8 ? `${s.slice(0, 4)}-${s.slice(4)}` : s;
}

export function localRegistry(db: Db, catalogue: DrugCatalogue): PrescriptionRegistry & PharmacyLookup {
  const t = (c: Db | Tx) => c.withTables<PrescriptionTables>();

  function lookup(c: Db) {
    return t(c)
      .selectFrom('prescriptions as p')
      .innerJoin('persons as patient', 'patient.id', 'p.patient_id')
      .innerJoin('practitioners as pr', 'pr.id', 'p.prescriber_practitioner_id')
      .innerJoin('persons as doc', 'doc.id', 'pr.person_id')
      .innerJoin('clinics as c', 'c.id', 'p.clinic_id')
      .select(['p.id', 'p.drug_id', 'p.strength', 'p.dosage_text', 'p.type', 'p.issued_on', 'p.valid_until', 'p.withdrawals_left', 'p.locked', 'patient.name as patient_name', 'patient.national_id', 'doc.name as prescriber_name', 'c.name as clinic_name', 'c.time_zone'])
      .orderBy('p.issued_on', 'desc');
  }
  type Row = Awaited<ReturnType<ReturnType<typeof lookup>['execute']>>[number];
  const view = (r: Row, now: Date): PharmacyPrescription => {
    const drug = catalogue.find(r.drug_id);
    return {
      id: r.id,
      patientName: r.patient_name,
      maskedNationalId: maskNationalId(r.national_id),
      drugName: drug ? `${drug.name}${drug.brand ? ` (${drug.brand})` : ''}, ${drug.form}` : r.drug_id,
      strength: r.strength,
      dosageText: r.dosage_text,
      type: r.type,
      issuedOn: r.issued_on,
      validUntil: r.valid_until,
      withdrawalsLeft: r.withdrawals_left,
      status: prescriptionStatus({ validUntil: r.valid_until, withdrawalsLeft: r.withdrawals_left }, localDate(now, r.time_zone)),
      prescriberName: r.prescriber_name,
      clinicName: r.clinic_name,
      locked: r.locked,
    };
  };

  return {
    name: 'local',
    async send(tx, prescriptionId) {
      await t(tx).updateTable('prescriptions').set({ sent_to_registry_at: new Date() }).where('id', '=', prescriptionId).where('sent_to_registry_at', 'is', null).execute();
    },
    async lock(tx, prescriptionId) {
      // A fresh number that no prescription has; the unique index settles the (40-bit) chance of two at once.
      for (let i = 0; i < TRIES; i++) {
        const candidate = newReferenceNumber();
        const row = await t(tx)
          .updateTable('prescriptions')
          .set({ locked: true, reference_number: sql<string>`coalesce(reference_number, ${candidate})` })
          .where('id', '=', prescriptionId)
          .where((eb) => eb.not(eb.exists(eb.selectFrom('prescriptions as other').select('other.id').where('other.reference_number', '=', candidate))))
          .returning('reference_number')
          .executeTakeFirst();
        if (row?.reference_number) return row.reference_number;
      }
      throw new Error('the local registry found no free reference number');
    },
    async byNationalId(nationalId, now) {
      const rows = await lookup(db).where('patient.national_id', '=', nationalId.replace(/\s/g, '')).where('p.locked', '=', false).execute();
      return rows.map((r) => view(r, now)).filter((p) => p.status === 'active');
    },
    async byReference(referenceNumber, now) {
      const rows = await lookup(db).where('p.reference_number', '=', normaliseReference(referenceNumber)).execute();
      return rows.map((r) => view(r, now));
    },
  };
}
