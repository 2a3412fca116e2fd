// What a catalogue drug is, and the checks an entry must pass before the clinic prescribes from it.

/**
 * Norwegian reseptgrupper: A narcotics, B habit-forming, C other prescription-only, F non-prescription.
 * In reality the group belongs to a package (a small pack may be F, a large one C); an entry carries the group of the
 * pack a GP usually prescribes.
 */
export const PRESCRIPTION_CLASSES = ['A', 'B', 'C', 'F'] as const;
export type PrescriptionClass = (typeof PRESCRIPTION_CLASSES)[number];

export interface Drug {
  /** Stable slug; prescriptions refer to it, so it never changes once shipped. */
  id: string;
  /** Generic name. */
  name: string;
  /** A common Norwegian brand, where there is one worth showing. */
  brand?: string;
  atc: string;
  form: string;
  strength: string;
  prescriptionClass: PrescriptionClass;
  /** ATC J01: systemic antibacterials. */
  antibiotic: boolean;
  /** ATC G03A: hormonal contraceptives for systemic use (valid 3 years). */
  hormonalContraceptive: boolean;
  /** Commonly given on blue prescription for a chronic illness. */
  blueEligible: boolean;
}

export const ATC_CODE = /^[A-Z]\d{2}[A-Z]{2}\d{2}$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TEXTS = ['name', 'form', 'strength'] as const;
const FLAGS = ['antibiotic', 'hormonalContraceptive', 'blueEligible'] as const;
const KEYS: readonly string[] = ['id', 'brand', 'atc', 'prescriptionClass', ...TEXTS, ...FLAGS];

/** Everything wrong with one entry; empty when it is a valid Drug. */
export function drugProblems(entry: unknown): string[] {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return ['not an object'];
  const e = entry as Record<string, unknown>;
  const problems: string[] = [];
  // A misspelt key would otherwise pass silently as "brand missing" or be ignored.
  for (const key of Object.keys(e)) if (!KEYS.includes(key)) problems.push(`${key}: not a known field`);
  if (typeof e.id !== 'string' || !SLUG.test(e.id)) problems.push(`id: ${JSON.stringify(e.id)} is not a lowercase slug`);
  for (const key of TEXTS) {
    if (typeof e[key] !== 'string' || e[key].trim() === '') problems.push(`${key}: missing`);
  }
  if ('brand' in e && (typeof e.brand !== 'string' || e.brand.trim() === '')) problems.push('brand: must be a non-empty text when given');
  const atc = typeof e.atc === 'string' && ATC_CODE.test(e.atc) ? e.atc : undefined;
  if (!atc) problems.push(`atc: ${JSON.stringify(e.atc)} is not an ATC code like J01CE02`);
  if (!PRESCRIPTION_CLASSES.includes(e.prescriptionClass as PrescriptionClass)) {
    problems.push(`prescriptionClass: ${JSON.stringify(e.prescriptionClass)} is not one of ${PRESCRIPTION_CLASSES.join(', ')}`);
  }
  for (const key of FLAGS) {
    if (typeof e[key] !== 'boolean') problems.push(`${key}: must be true or false`);
  }
  // The flags drive the rules (antibiotic confirmation, 3-year validity), so they must agree with the ATC code.
  if (atc && typeof e.antibiotic === 'boolean' && e.antibiotic !== atc.startsWith('J01')) {
    problems.push(`antibiotic: is ${e.antibiotic}, but ATC ${atc} says ${!e.antibiotic} (antibiotics are J01)`);
  }
  if (atc && typeof e.hormonalContraceptive === 'boolean' && e.hormonalContraceptive !== atc.startsWith('G03A')) {
    problems.push(`hormonalContraceptive: is ${e.hormonalContraceptive}, but ATC ${atc} says ${!e.hormonalContraceptive} (hormonal contraceptives are G03A)`);
  }
  return problems;
}
