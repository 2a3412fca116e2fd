// The payments benchmark's world, made in SQL as the owner: `n` e-consultations at the demo GP office, closed, each
// with its price reserved on the card simulator (its checkout authorized), spread over a hundred patients.
import { admin } from './queue-setup.ts';

export const PATIENTS = 100;
export const PRICE_ORE = 17000;

export async function closedCasesWithReservations(url: string, n: number): Promise<void> {
  const [clinic] = await admin<{ id: string }>(url, `SELECT id FROM clinics WHERE kind = 'public_gp' ORDER BY name LIMIT 1`);
  if (!clinic) throw new Error('the demo GP office is missing: start the product on the database first');
  await admin(
    url,
    `INSERT INTO persons (national_id, national_id_kind, name, birth_date)
     SELECT '8' || lpad(i::text, 10, '0'), 'synthetic', 'Benk Pasient ' || i, '1980-01-01' FROM generate_series(1, $1) AS i`,
    [PATIENTS],
  );
  await admin(
    url,
    `WITH people AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM persons WHERE name LIKE 'Benk Pasient %'),
     made AS (
       SELECT gen_random_uuid() AS case_id, gen_random_uuid() AS checkout_id, gen_random_uuid() AS payment_id, p.id AS person_id
       FROM generate_series(0, $1 - 1) AS i JOIN people p ON p.k = i % $2
     ),
     checkouts AS (
       INSERT INTO card_simulator_checkouts (id, amount_ore, currency, description, language, status, return_url, card_last4)
       SELECT checkout_id, $3, 'NOK', 'E-konsultasjon', 'nb', 'authorized', 'http://127.0.0.1/', '4242' FROM made
     ),
     cases AS (
       INSERT INTO econsult_cases (id, clinic_id, patient_id, submitted_by, status, screening_version, reason_id, questionnaire_version,
                                   patient_age, price_ore, price_rule, payment_id, submitted_at, due_at, closed_at, outcome, outcome_summary)
       SELECT case_id, $4, person_id, person_id, 'closed', 1, 'other', 1, 46, $3, 'copayment', payment_id,
              now() - interval '2 hours', now() + interval '6 hours', now(), 'advice', 'Råd gitt.' FROM made
     )
     INSERT INTO payments (id, clinic_id, person_id, purpose, purpose_id, amount_ore, currency, provider, provider_ref, status, redirect_url, authorized_at)
     SELECT payment_id, $4, person_id, 'econsult', case_id, $3, 'NOK', 'simulator', checkout_id::text, 'authorized', 'http://127.0.0.1/', now() FROM made`,
    [n, PATIENTS, PRICE_ORE, clinic.id],
  );
}
