// The settlement's rows in words: what each row is ("Betalt med kort (simulator)", "Fritak: frikort"), its period as a
// date or a month, and the totals of money taken and given back.
import { isMessageKey, type Translate } from '../../i18n/index.tsx';
import type { SettlementRow } from './admin-api.ts';

function providerText(provider: string, t: Translate): string {
  const key = `moneyAdmin.provider.${provider}`;
  return isMessageKey(key) ? t(key) : provider;
}

/** Looked up by kind, so a kind the server adds later still reads as its code and provider rather than as nothing. */
export function rowText(row: SettlementRow, t: Translate): string {
  if (row.kind === 'paid' && row.method === 'desk') return t('moneyAdmin.kind.paidDesk');
  if (row.kind === 'paid' && row.method === 'invoice') return t('moneyAdmin.kind.paidInvoice');
  if (row.kind === 'open-invoice') return t('moneyAdmin.kind.openInvoice');
  if (row.kind === 'exemption') {
    const key = `moneyAdmin.kind.exemption.${row.method}`;
    return isMessageKey(key) ? t(key) : row.method;
  }
  const provider = providerText(row.provider, t);
  const key = `moneyAdmin.kind.${row.kind}`;
  return isMessageKey(key) ? t(key, { provider }) : `${row.kind} (${provider})`;
}

/**
 * A day as "24. november 2026" (or "24. nov. 2026" where room is short, as in a table), a month as "november 2026"; a
 * calendar period has no zone, so it is formatted in UTC.
 */
export function periodText(period: string, locales: string[], dateStyle: 'long' | 'medium' = 'long'): string {
  const [year, month, day] = period.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
  const options: Intl.DateTimeFormatOptions = day === undefined ? { month: 'long', year: 'numeric', timeZone: 'UTC' } : { dateStyle, timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locales, options).format(date);
}

export interface SettlementTotals {
  /** Money taken, net: card payments captured and co-payments paid at the desk, less refunds to cards. */
  netOre: number;
  cardOre: number;
  deskOre: number;
  refundedOre: number;
  /** Reserved on cards and not yet taken. */
  openOre: number;
}

export function totals(rows: readonly SettlementRow[]): SettlementTotals {
  const sum = (keep: (r: SettlementRow) => boolean) => rows.filter(keep).reduce((total, r) => total + r.amountOre, 0);
  const refundedOre = sum((r) => r.kind === 'refunded');
  return {
    netOre: sum((r) => r.kind === 'paid') - refundedOre,
    cardOre: sum((r) => r.kind === 'paid' && r.method === 'card'),
    deskOre: sum((r) => r.kind === 'paid' && r.method === 'desk'),
    refundedOre,
    openOre: sum((r) => r.kind === 'open-reservation'),
  };
}
