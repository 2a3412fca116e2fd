// KID numbers (kundeidentifikasjon) for invoices, pure: a base of digits with a check digit by MOD10 (Luhn) or MOD11
// (weights 2–7 from the right), as Norwegian banks check them, so a paid invoice can be matched by its KID.

export type KidMethod = 'mod10' | 'mod11';

function assertDigits(base: string): void {
  if (!/^[0-9]{1,24}$/.test(base)) throw new Error('a KID base is 1 to 24 digits');
}

/** The MOD10 (Luhn) check digit of `base`. */
export function mod10(base: string): string {
  assertDigits(base);
  let sum = 0;
  for (let i = 0; i < base.length; i++) {
    const digit = Number(base[base.length - 1 - i]);
    const weighted = i % 2 === 0 ? digit * 2 : digit;
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return String((10 - (sum % 10)) % 10);
}

/** The MOD11 check digit of `base`, or null when it would be 10 (banks refuse "-": choose another base). */
export function mod11(base: string): string | null {
  assertDigits(base);
  let sum = 0;
  for (let i = 0; i < base.length; i++) sum += Number(base[base.length - 1 - i]) * (2 + (i % 6));
  const check = 11 - (sum % 11);
  if (check === 11) return '0';
  return check === 10 ? null : String(check);
}

/** `base` with its check digit; MOD11 bases whose digit would be 10 get null. */
export function kid(base: string, method: KidMethod): string | null {
  const check = method === 'mod10' ? mod10(base) : mod11(base);
  return check === null ? null : base + check;
}

/** Whether a KID (2–25 digits) carries a valid check digit by the method. */
export function isValidKid(value: string, method: KidMethod): boolean {
  if (!/^[0-9]{2,25}$/.test(value)) return false;
  const base = value.slice(0, -1);
  return (method === 'mod10' ? mod10(base) : mod11(base)) === value.slice(-1);
}
