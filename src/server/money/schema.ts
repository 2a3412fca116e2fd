// The money tables as Kysely sees them (migrations/0011_copayment.ts).
import type { ColumnType, Generated } from 'kysely';
import type { CopayService, TimeOfDay } from './copayment.ts';

type DateOnly = ColumnType<string, string, string>;

export interface CopaymentTariffTable {
  valid_from: DateOnly;
  service: CopayService;
  time_of_day: TimeOfDay;
  amount_ore: number;
  source: string;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface CopaymentCeilingTable {
  year: number;
  amount_ore: number;
  source: string;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface CopaymentTable {
  id: Generated<string>;
  person_id: string;
  year: number;
  clinic_id: string;
  service: CopayService;
  purpose: string;
  purpose_id: string;
  amount_ore: number;
  /** Given back of it: the rest counts towards the ceiling. */
  refunded_ore: Generated<number>;
  paid_at: Generated<Date>;
}

export interface InvoiceTable {
  id: Generated<string>;
  number: string;
  clinic_id: string;
  patient_id: string;
  appointment_id: string;
  amount_ore: number;
  kid: string;
  bank_account: string;
  issued_at: Generated<Date>;
  due_on: DateOnly;
  issued_by: string;
  letter_thread_id: string | null;
  status: Generated<'open' | 'paid'>;
  paid_at: Date | null;
  paid_amount_ore: number | null;
}

/** The bundled local frikort registry (development and tests): who has a frikort from outside, per year. */
export interface FrikortRegistryLocalTable {
  national_id: string;
  year: number;
  registered_at: Generated<Date>;
}

/** When the frikort registry was last asked about a person and year. */
export interface FrikortLookupTable {
  person_id: string;
  year: number;
  asked_at: Generated<Date>;
}

/** The insurer a private clinic bills a visit to, as the patient gave it. */
export interface AppointmentInsuranceTable {
  appointment_id: string;
  insurer: string;
  policy_number: string;
  given_by: string;
  created_at: Generated<Date>;
}

/** An exemption applied to a visit, once per visit, with the list price it waived. */
export interface ExemptionAppliedTable {
  purpose: string;
  purpose_id: string;
  clinic_id: string;
  exemption: string;
  list_price_ore: number;
  applied_at: Generated<Date>;
}

export interface MoneyTables {
  appointment_insurance: AppointmentInsuranceTable;
  exemptions_applied: ExemptionAppliedTable;
  frikort_registry_local: FrikortRegistryLocalTable;
  frikort_lookups: FrikortLookupTable;
  invoices: InvoiceTable;
  copayment_tariffs: CopaymentTariffTable;
  copayment_ceilings: CopaymentCeilingTable;
  copayments: CopaymentTable;
}
