// Demo prescriptions: Ola Hansen's from his GP Per Olsen (metformin on blue prescription, an expired atorvastatin to
// renew, and zopiclone, which is B-class and needs a visit), and Emma Nordmann's asthma inhaler from Lise Berg, so a
// parent sees a young child's prescriptions.
import type { Db } from '../platform/db/database.ts';
import { localDate } from '../../shared/time.ts';
import { bundledCatalogue } from '../prescriptions/catalogue.ts';
import { validUntil, type PrescriptionType } from '../prescriptions/rules.ts';
import { anyPrescription, insertPrescription } from '../prescriptions/store.ts';

const DAY_MS = 86_400_000;

interface DemoPrescription {
  patient: string;
  prescriber: string;
  drugId: string;
  dosageText: string;
  type: PrescriptionType;
  daysAgo: number;
  withdrawals: number;
  withdrawalsLeft: number;
}

const DEMO: DemoPrescription[] = [
  { patient: 'Ola Hansen', prescriber: 'Per Olsen', drugId: 'metformin-500mg-tablet', dosageText: '1 tablett 2 ganger daglig til måltid', type: 'blue', daysAgo: 60, withdrawals: 4, withdrawalsLeft: 3 },
  { patient: 'Ola Hansen', prescriber: 'Per Olsen', drugId: 'atorvastatin-20mg-tablet', dosageText: '1 tablett om kvelden', type: 'blue', daysAgo: 420, withdrawals: 4, withdrawalsLeft: 0 },
  { patient: 'Ola Hansen', prescriber: 'Per Olsen', drugId: 'zopiclone-7-5mg-tablet', dosageText: '1 tablett ved sengetid ved behov, høyst 3 netter i uken', type: 'white', daysAgo: 30, withdrawals: 1, withdrawalsLeft: 1 },
  { patient: 'Emma Nordmann', prescriber: 'Lise Berg', drugId: 'salbutamol-0-1mg-inhaler', dosageText: '1–2 inhalasjoner ved behov, høyst 4 ganger daglig', type: 'blue', daysAgo: 45, withdrawals: 3, withdrawalsLeft: 2 },
];

export async function seedPrescriptionsDemo(db: Db): Promise<void> {
  if (await anyPrescription(db)) return;
  const people = await db
    .selectFrom('persons as p')
    .leftJoin('practitioners as pr', 'pr.person_id', 'p.id')
    .leftJoin('staff_roles as s', (j) => j.onRef('s.person_id', '=', 'p.id').on('s.role', '=', 'clinician'))
    .select(['p.id', 'p.name', 'pr.id as practitioner_id', 's.clinic_id'])
    .where('p.name', 'in', [...new Set(DEMO.flatMap((d) => [d.patient, d.prescriber]))])
    .execute();
  await db.transaction().execute(async (tx) => {
    for (const d of DEMO) {
      const patient = people.find((p) => p.name === d.patient);
      const prescriber = people.find((p) => p.name === d.prescriber && p.practitioner_id && p.clinic_id);
      const drug = bundledCatalogue.find(d.drugId);
      if (!patient || !prescriber || !drug) continue;
      const issuedOn = localDate(new Date(Date.now() - d.daysAgo * DAY_MS));
      await insertPrescription(tx, {
        patientId: patient.id,
        clinicId: prescriber.clinic_id!,
        prescriberPractitionerId: prescriber.practitioner_id!,
        drugId: drug.id,
        strength: drug.strength,
        dosageText: d.dosageText,
        type: d.type,
        issuedOn,
        validUntil: validUntil(drug, issuedOn),
        withdrawals: d.withdrawals,
        withdrawalsLeft: d.withdrawalsLeft,
        replacesId: null,
      });
    }
  });
}
