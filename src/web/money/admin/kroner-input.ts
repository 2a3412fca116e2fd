// What an admin types as an amount ("180", "180,50", "1 234.5 kr") as whole øre, without floating point.

/** Øre, or null when the text is not an amount in kroner with at most two decimals. */
export function parseKroner(text: string): number | null {
  const plain = text.replace(/[\s\u00a0\u202f]/g, '').replace(/kr\.?$/i, '');
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(plain);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
