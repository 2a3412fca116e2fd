// Prescribing rules: no A/B drugs digitally, antibiotics only with a clinician's yes, how long a prescription lasts,
// what the patient pays, and when a prescription can no longer be used.
import { describe, expect, it } from 'vitest';
import type { Drug } from './drug.ts';
import { DEFAULT_PRESCRIPTION_SETTINGS, mayPrescribeDigitally, patientPays, patientShare, prescriptionStatus, renewalDecision, validUntil } from './rules.ts';

const drug = (over: Partial<Drug> = {}): Drug => ({
  id: 'metformin-500mg-tablet', name: 'metformin', atc: 'A10BA02', form: 'tablet', strength: '500 mg',
  prescriptionClass: 'C', antibiotic: false, hormonalContraceptive: false, blueEligible: true, ...over,
});
const narcotic = drug({ id: 'oxycodone-5mg-capsule', atc: 'N02AA05', prescriptionClass: 'A' });
const sleepingPill = drug({ id: 'zopiclone-7-5mg-tablet', atc: 'N05CF01', prescriptionClass: 'B' });
const penicillin = drug({ id: 'phenoxymethylpenicillin-1g-tablet', atc: 'J01CE02', antibiotic: true });
const pill = drug({ id: 'desogestrel-75mcg-tablet', atc: 'G03AC09', hormonalContraceptive: true });

describe('prescribing digitally', () => {
  it('refuses narcotics (A) and habit-forming drugs (B): the patient needs a visit', () => {
    expect(mayPrescribeDigitally(narcotic)).toEqual({ ok: false, reason: 'needs-visit' });
    expect(mayPrescribeDigitally(sleepingPill)).toEqual({ ok: false, reason: 'needs-visit' });
  });

  it('allows other prescription drugs and non-prescription drugs', () => {
    expect(mayPrescribeDigitally(drug())).toEqual({ ok: true });
    expect(mayPrescribeDigitally(drug({ prescriptionClass: 'F' }))).toEqual({ ok: true });
  });
});

describe('renewing digitally', () => {
  it('an A or B drug needs a visit, even with a confirmation', () => {
    expect(renewalDecision(narcotic, { antibioticConfirmed: true })).toBe('needs-visit');
    expect(renewalDecision(sleepingPill, { antibioticConfirmed: false })).toBe('needs-visit');
  });

  it('an antibiotic waits for the clinician to confirm it explicitly', () => {
    expect(renewalDecision(penicillin, { antibioticConfirmed: false })).toBe('needs-antibiotic-confirmation');
    expect(renewalDecision(penicillin, { antibioticConfirmed: true })).toBe('allowed');
  });

  it('a chronic medicine is renewed without more', () => {
    expect(renewalDecision(drug(), { antibioticConfirmed: false })).toBe('allowed');
  });
});

describe('validity', () => {
  it('a prescription is valid until the same date a year later', () => {
    expect(validUntil(drug(), '2025-03-10')).toBe('2026-03-10');
    expect(validUntil(drug(), '2025-12-31')).toBe('2026-12-31');
  });

  it('a hormonal contraceptive is valid three years', () => {
    expect(validUntil(pill, '2025-03-10')).toBe('2028-03-10');
  });

  it('issued on 29 February, it ends on 28 February of a year without one, and on the 29th of one with it', () => {
    expect(validUntil(drug(), '2024-02-29')).toBe('2025-02-28');
    expect(validUntil(pill, '2024-02-29')).toBe('2027-02-28');
    expect(validUntil(pill, '2025-02-28')).toBe('2028-02-28');
    expect(validUntil(drug({ hormonalContraceptive: true }), '2096-02-29')).toBe('2099-02-28');
  });

  it('refuses an issue date that is not a calendar date', () => {
    expect(() => validUntil(drug(), '2025-02-29')).toThrow(/issuedOn/);
    expect(() => validUntil(drug(), '2025-13-01')).toThrow(/issuedOn/);
    expect(() => validUntil(drug(), '10.03.2025')).toThrow(/issuedOn/);
    expect(() => validUntil(drug(), '2100-02-29')).toThrow(/issuedOn/);
  });
});

describe('what the patient pays on a blue prescription', () => {
  it('39 % of the price by default', () => {
    expect(DEFAULT_PRESCRIPTION_SETTINGS).toEqual({ sharePercent: 39, maxPerPrescriptionOre: 52_000 });
    expect(patientShare(10_000)).toBe(3_900);
  });

  it('at most 520 kr per prescription', () => {
    expect(patientShare(133_333)).toBe(52_000);
    expect(patientShare(500_000)).toBe(52_000);
    // 520 kr is 39 % of 1333.33 kr: just under, the share is still the percent.
    expect(patientShare(133_300)).toBe(51_987);
  });

  it('rounds half an øre up, and less than half down', () => {
    expect(patientShare(50)).toBe(20); // 19.5 øre
    expect(patientShare(49)).toBe(19); // 19.11 øre
    expect(patientShare(1)).toBe(0); // 0.39 øre
    expect(patientShare(0)).toBe(0);
  });

  it('follows an installation’s own percent and cap', () => {
    expect(patientShare(10_000, { sharePercent: 50, maxPerPrescriptionOre: 52_000 })).toBe(5_000);
    expect(patientShare(10_000, { sharePercent: 39, maxPerPrescriptionOre: 2_000 })).toBe(2_000);
    expect(patientShare(10_000, { sharePercent: 0, maxPerPrescriptionOre: 0 })).toBe(0);
  });

  it('refuses a price or setting that cannot be real, so no share comes out negative or fractional', () => {
    expect(() => patientShare(-100)).toThrow(/priceOre/);
    expect(() => patientShare(99.5)).toThrow(/priceOre/);
    expect(() => patientShare(10_000, { sharePercent: 39.5, maxPerPrescriptionOre: 52_000 })).toThrow(/sharePercent/);
    expect(() => patientShare(10_000, { sharePercent: 101, maxPerPrescriptionOre: 52_000 })).toThrow(/sharePercent/);
    expect(() => patientShare(10_000, { sharePercent: 39, maxPerPrescriptionOre: -1 })).toThrow(/maxPerPrescriptionOre/);
  });
});

describe('what the patient pays, by prescription type', () => {
  it('the full price on white, the capped share on blue, nothing on H', () => {
    expect(patientPays('white', 200_000)).toBe(200_000);
    expect(patientPays('blue', 200_000)).toBe(52_000);
    expect(patientPays('blue', 10_000, { sharePercent: 50, maxPerPrescriptionOre: 52_000 })).toBe(5_000);
    expect(patientPays('H', 200_000)).toBe(0);
  });

  it('refuses a negative price whatever the type', () => {
    expect(() => patientPays('H', -1)).toThrow(/priceOre/);
    expect(() => patientPays('white', -1)).toThrow(/priceOre/);
  });
});

describe('prescription status', () => {
  const p = { validUntil: '2026-03-10', withdrawalsLeft: 2 };

  it('is active up to and including its last valid day', () => {
    expect(prescriptionStatus(p, '2025-03-10')).toBe('active');
    expect(prescriptionStatus(p, '2026-03-10')).toBe('active');
  });

  it('is expired the day after', () => {
    expect(prescriptionStatus(p, '2026-03-11')).toBe('expired');
  });

  it('is used up when no withdrawal is left, and expired when that and the date have both run out', () => {
    expect(prescriptionStatus({ ...p, withdrawalsLeft: 0 }, '2025-06-01')).toBe('used-up');
    expect(prescriptionStatus({ ...p, withdrawalsLeft: 0 }, '2027-01-01')).toBe('expired');
  });

  it('refuses a withdrawal count or date that cannot be real', () => {
    expect(() => prescriptionStatus({ ...p, withdrawalsLeft: -1 }, '2025-06-01')).toThrow(/withdrawalsLeft/);
    expect(() => prescriptionStatus({ ...p, withdrawalsLeft: 1.5 }, '2025-06-01')).toThrow(/withdrawalsLeft/);
    expect(() => prescriptionStatus(p, '2025-6-1')).toThrow(/today/);
  });
});
