// The national co-payment tariff (egenandeler) and yearly ceiling (egenandelstak 1) as shipped: the figures published
// for each period, with where they were read. Migration 0011 wrote these into copayment_tariffs / copayment_ceilings,
// where a clinic admin edits them; figures added here later need a migration of their own to reach the tables.
import type { CopayService, TimeOfDay } from './copayment.ts';

export interface TariffRow {
  /** First day (Norwegian date) the figures apply; they apply until the next row's date. */
  validFrom: string;
  service: CopayService;
  timeOfDay: TimeOfDay;
  amountOre: number;
  source: string;
}

export interface CeilingRow {
  year: number;
  amountOre: number;
  source: string;
}

const HELSENORGE_GP = 'helsenorge.no/betaling-for-helsetjenester/betaling-hos-lege (egenandel hos allmennlege, dag / kveld)';
const HELSENORGE_OUTPATIENT = 'helsenorge.no/betaling-for-helsetjenester/betaling-pa-sykehus-og-poliklinikk (undersøkelse, behandling, kontroll; også telefon og video)';

/**
 * Consultations at the GP cost the same at the office, by video and by phone, and an e-consultation the same as a
 * consultation (the tariff's "konsultasjon / e-konsultasjon"); evening is 16–08, weekends and public holidays. A
 * prescription renewal costs nothing. Outpatient visits have one figure, day or evening.
 */
function period(validFrom: string, gp: { day: number; evening: number }, outpatient: number): TariffRow[] {
  const rows: TariffRow[] = [];
  for (const service of ['gp-consultation', 'econsult'] as const) {
    rows.push({ validFrom, service, timeOfDay: 'day', amountOre: gp.day * 100, source: HELSENORGE_GP });
    rows.push({ validFrom, service, timeOfDay: 'evening', amountOre: gp.evening * 100, source: HELSENORGE_GP });
  }
  for (const timeOfDay of ['day', 'evening'] as const) {
    rows.push({ validFrom, service: 'prescription-renewal', timeOfDay, amountOre: 0, source: 'issue 10: a prescription renewal is free' });
    rows.push({ validFrom, service: 'outpatient', timeOfDay, amountOre: outpatient * 100, source: HELSENORGE_OUTPATIENT });
  }
  return rows;
}

/** From 1 July 2023 (allmennlege without the specialist supplement: 170 kr day, 288 kr evening; poliklinikk 403 kr). */
export const SHIPPED_TARIFF: TariffRow[] = [...period('2023-07-01', { day: 170, evening: 288 }, 403)];

export const SHIPPED_CEILINGS: CeilingRow[] = [
  { year: 2023, amountOre: 304_000, source: 'helsenorge.no: frikort for helsetjenester, egenandelstak 2023' },
  { year: 2024, amountOre: 316_500, source: 'helsenorge.no: frikort for helsetjenester, egenandelstak 2024' },
  { year: 2025, amountOre: 327_800, source: 'Stortingets budsjettvedtak for 2025 (egenandelstak 1), as quoted on helsenorge.no' },
  // Kept at the 2025 figure for 2026, as published rehabilitation providers quote it; check helsenorge.no/frikort.
  { year: 2026, amountOre: 327_800, source: 'unicare.no, egenandel og frikort: «Egenandelstaket for 2026 er kr 3278»' },
];
