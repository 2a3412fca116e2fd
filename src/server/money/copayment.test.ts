import { describe, expect, it } from 'vitest';
import { isWorkingDay } from '../platform/holidays.ts';
import { ceilingFor, NoTariff, priceOf, tariffAmount, timeOfDayAt, type Clinic, type PriceQuestion } from './copayment.ts';
import { SHIPPED_CEILINGS, SHIPPED_TARIFF, type TariffRow } from './tariff-data.ts';

const publicGp: Clinic = { kind: 'public_gp', privatePrices: {}, privateChildrenFree: false, acceptsInsurance: false };
const hospital: Clinic = { ...publicGp, kind: 'hospital_outpatient' };
const privateClinic: Clinic = { kind: 'private', privatePrices: { clinic: 65_000, econsult: 35_000, phone: 45_000 }, privateChildrenFree: true, acceptsInsurance: true };
const plainPrivate: Clinic = { ...privateClinic, privateChildrenFree: false, acceptsInsurance: false };

const base: PriceQuestion = {
  clinic: publicGp,
  visitType: 'clinic',
  timeOfDay: 'day',
  tariff: SHIPPED_TARIFF,
  ceilings: SHIPPED_CEILINGS,
  date: '2025-03-04',
  patientAge: 40,
  paidThisYearOre: 0,
  hasFrikort: false,
};

describe('what a visit costs', () => {
  // [case, question changes, amount, exemption, counts towards the ceiling, how it is paid]
  const cases: Array<[string, Partial<PriceQuestion>, number, string | null, boolean, string]> = [
    ['GP at the office, daytime', {}, 17_000, null, true, 'at-clinic'],
    ['GP at the office, evening', { timeOfDay: 'evening' }, 28_800, null, true, 'at-clinic'],
    ['GP by video costs the same as at the office', { visitType: 'video' }, 17_000, null, true, 'card-at-booking'],
    ['GP by phone', { visitType: 'phone' }, 17_000, null, true, 'card-at-booking'],
    ['e-consultation', { visitType: 'econsult' }, 17_000, null, true, 'reserve-then-capture'],
    ['prescription renewal is free', { visitType: 'renewal' }, 0, 'free-service', false, 'none'],
    ['hospital outpatient is invoiced', { clinic: hospital }, 40_300, null, true, 'invoice'],
    ['hospital outpatient by video, same figure', { clinic: hospital, visitType: 'video', timeOfDay: 'evening' }, 40_300, null, true, 'invoice'],
    ['a child of 9 is free', { patientAge: 9 }, 0, 'under-16', false, 'none'],
    ['15 is still free', { patientAge: 15 }, 0, 'under-16', false, 'none'],
    ['16 pays', { patientAge: 16 }, 17_000, null, true, 'at-clinic'],
    ['17 in mental-health care is free', { patientAge: 17, mentalHealth: true }, 0, 'under-18-mental-health', false, 'none'],
    ['18 in mental-health care pays', { patientAge: 18, mentalHealth: true }, 17_000, null, true, 'at-clinic'],
    ['a pregnancy check-up is free', { pregnancyCheck: true }, 0, 'pregnancy', false, 'none'],
    ['frikort from outside', { hasFrikort: true }, 0, 'frikort', false, 'none'],
    ['the ceiling already reached', { paidThisYearOre: 327_800 }, 0, 'frikort', false, 'none'],
    ['the ceiling crossed in the middle of a visit: pays only up to it', { paidThisYearOre: 320_000 }, 7_800, 'ceiling-reached', true, 'at-clinic'],
    ['exactly the price left', { paidThisYearOre: 310_800 }, 17_000, null, true, 'at-clinic'],
    ['a private clinic charges its own price', { clinic: plainPrivate }, 65_000, null, false, 'card-at-booking'],
    ['a private video visit costs the office price', { clinic: plainPrivate, visitType: 'video' }, 65_000, null, false, 'card-at-booking'],
    ['a private e-consultation', { clinic: plainPrivate, visitType: 'econsult' }, 35_000, null, false, 'reserve-then-capture'],
    ['frikort never applies at a private clinic', { clinic: plainPrivate, hasFrikort: true, paidThisYearOre: 400_000 }, 65_000, null, false, 'card-at-booking'],
    ['under 16 is no exemption at a private clinic without the option', { clinic: plainPrivate, patientAge: 9 }, 65_000, null, false, 'card-at-booking'],
    ['a private clinic letting children under 18 go free', { clinic: privateClinic, patientAge: 17 }, 0, 'private-children-free', false, 'none'],
    ['an insured patient is billed to the insurer', { clinic: privateClinic, insured: true }, 0, 'insurance', false, 'insurer'],
    ['insurance at a clinic that does not take it', { clinic: plainPrivate, insured: true }, 65_000, null, false, 'card-at-booking'],
  ];
  it.each(cases)('%s', (_case, change, amountOre, exemption, counts, payBy) => {
    const price = priceOf({ ...base, ...change });
    expect(price).toMatchObject({ amountOre, exemption, countsTowardCeiling: counts, payBy });
  });

  it('never prices a private visit the clinic set no price for as free', () => {
    expect(() => priceOf({ ...base, clinic: { ...plainPrivate, privatePrices: { econsult: 35_000 } } })).toThrow(NoTariff);
    expect(priceOf({ ...base, clinic: { ...plainPrivate, privatePrices: {} }, visitType: 'renewal' })).toMatchObject({ amountOre: 0, exemption: 'free-service' });
  });

  it('keeps the list price beside what is paid, so the patient sees what was waived', () => {
    expect(priceOf({ ...base, patientAge: 9 })).toMatchObject({ amountOre: 0, listPriceOre: 17_000 });
    expect(priceOf({ ...base, paidThisYearOre: 320_000 })).toMatchObject({ amountOre: 7_800, listPriceOre: 17_000 });
  });
});

describe('the tariff over time and the year boundary', () => {
  const tariff: TariffRow[] = [
    ...SHIPPED_TARIFF,
    { validFrom: '2026-01-01', service: 'gp-consultation', timeOfDay: 'day', amountOre: 18_000, source: 'test' },
  ];
  const ceilings = [...SHIPPED_CEILINGS, { year: 2026, amountOre: 340_000, source: 'test' }];

  it('uses the period that has begun on the visit date', () => {
    expect(tariffAmount(tariff, 'gp-consultation', 'day', '2025-12-31')).toBe(17_000);
    expect(tariffAmount(tariff, 'gp-consultation', 'day', '2026-01-01')).toBe(18_000);
    expect(() => tariffAmount(tariff, 'gp-consultation', 'day', '2023-06-30')).toThrow(NoTariff);
  });

  it("counts each calendar year's ceiling on its own: what was paid last year does not carry over", () => {
    // 3 270 kr paid in 2025: a visit on 31 December fills the ceiling; on 1 January the next year's count starts.
    expect(priceOf({ ...base, tariff, ceilings, date: '2025-12-31', paidThisYearOre: 327_000 })).toMatchObject({ amountOre: 800, exemption: 'ceiling-reached' });
    expect(priceOf({ ...base, tariff, ceilings, date: '2026-01-01', paidThisYearOre: 0 })).toMatchObject({ amountOre: 18_000, exemption: null });
  });

  it('a year without its own ceiling keeps the latest one', () => {
    expect(ceilingFor(SHIPPED_CEILINGS, 2027)).toBe(327_800);
    expect(ceilingFor(SHIPPED_CEILINGS, 2024)).toBe(316_500);
  });
});

describe('day or evening', () => {
  const oslo = 'Europe/Oslo';
  const working = (d: string) => isWorkingDay(d, 'NO');
  it.each([
    ['a Tuesday 08:00 Oslo time', '2025-03-04T07:00:00Z', 'day'],
    ['a Tuesday 15:59', '2025-03-04T14:59:00Z', 'day'],
    ['a Tuesday 16:00', '2025-03-04T15:00:00Z', 'evening'],
    ['a Tuesday 07:59', '2025-03-04T06:59:00Z', 'evening'],
    ['a Saturday noon', '2025-03-08T11:00:00Z', 'evening'],
    ['17 May (a public holiday) noon', '2027-05-17T10:00:00Z', 'evening'],
    ['summer time: 10:00 in Oslo is 08:00 UTC', '2025-06-10T08:00:00Z', 'day'],
    ['summer time: 15:30 UTC is 17:30 in Oslo', '2025-06-10T15:30:00Z', 'evening'],
  ])('%s', (_case, at, expected) => {
    expect(timeOfDayAt(new Date(at), oslo, working)).toBe(expected);
  });
});
