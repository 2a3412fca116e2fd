// The clinic's settlement (oppgjør) for a period, per day or month in the clinic's zone: money taken by card (per
// provider) and at the desk, refunds made, reservations still open, reservations given back, and exemptions applied — as rows an
// accountant can sum, in JSON or as a CSV that a Norwegian spreadsheet opens as it is (semicolons, decimal commas).
import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';

export type SettlementKind = 'paid' | 'refunded' | 'open-reservation' | 'released' | 'open-invoice' | 'exemption';

export interface SettlementRow {
  /** YYYY-MM-DD or YYYY-MM. */
  period: string;
  kind: SettlementKind;
  /** How: 'card', 'desk' or 'invoice'; for an exemption, which ('under-16', 'pregnancy', 'frikort', …). */
  method: string;
  /** The card provider ('simulator', 'stripe'), 'clinic' for the desk, '' for an exemption. */
  provider: string;
  count: number;
  amountOre: number;
}

export interface SettlementQuery {
  clinicId: string;
  timeZone: string;
  /** Inclusive dates (YYYY-MM-DD) in the clinic's zone. */
  from: string;
  to: string;
  by: 'day' | 'month';
}

export async function settlement(db: Db, q: SettlementQuery): Promise<SettlementRow[]> {
  const format = q.by === 'day' ? 'YYYY-MM-DD' : 'YYYY-MM';
  // The period's bounds as instants: from the start of `from` to the start of the day after `to`, in the clinic's zone.
  const start = sql<Date>`(${q.from}::date)::timestamp AT TIME ZONE ${q.timeZone}`;
  const end = sql<Date>`((${q.to}::date + 1))::timestamp AT TIME ZONE ${q.timeZone}`;
  const period = (column: string) => sql<string>`to_char(${sql.ref(column)} AT TIME ZONE ${q.timeZone}, ${format})`;
  const rows = await sql<{ period: string; kind: SettlementKind; method: string; provider: string; count: number; amount: string }>`
    SELECT ${period('captured_at')} AS period, 'paid' AS kind, 'card' AS method, provider, count(*)::int AS count, sum(amount_ore) AS amount
      FROM payments WHERE clinic_id = ${q.clinicId} AND status = 'captured' AND captured_at >= ${start} AND captured_at < ${end}
      GROUP BY 1, provider
    UNION ALL
    SELECT ${period('paid_at')}, 'paid', 'desk', 'clinic', count(*)::int, sum(amount_ore)
      FROM copayments WHERE clinic_id = ${q.clinicId} AND purpose = 'appointment' AND paid_at >= ${start} AND paid_at < ${end}
      GROUP BY 1
    UNION ALL
    SELECT ${period('paid_at')}, 'paid', 'invoice', 'bank', count(*)::int, sum(amount_ore)
      FROM invoices WHERE clinic_id = ${q.clinicId} AND status = 'paid' AND paid_at >= ${start} AND paid_at < ${end}
      GROUP BY 1
    UNION ALL
    SELECT ${period('issued_at')}, 'open-invoice', 'invoice', '', count(*)::int, sum(amount_ore)
      FROM invoices WHERE clinic_id = ${q.clinicId} AND status = 'open' AND issued_at >= ${start} AND issued_at < ${end}
      GROUP BY 1
    UNION ALL
    SELECT ${period('r.refunded_at')}, 'refunded', 'card', p.provider, count(*)::int, sum(r.amount_ore)
      FROM payment_refunds r JOIN payments p ON p.id = r.payment_id
      WHERE p.clinic_id = ${q.clinicId} AND r.status = 'refunded' AND r.refunded_at >= ${start} AND r.refunded_at < ${end}
      GROUP BY 1, p.provider
    UNION ALL
    SELECT ${period('authorized_at')}, 'open-reservation', 'card', provider, count(*)::int, sum(amount_ore)
      FROM payments WHERE clinic_id = ${q.clinicId} AND status IN ('authorized', 'capture_requested') AND authorized_at >= ${start} AND authorized_at < ${end}
      GROUP BY 1, provider
    UNION ALL
    SELECT ${period('released_at')}, 'released', 'card', provider, count(*)::int, sum(amount_ore)
      FROM payments WHERE clinic_id = ${q.clinicId} AND status = 'released' AND released_at >= ${start} AND released_at < ${end}
      GROUP BY 1, provider
    UNION ALL
    SELECT period, 'exemption', exemption, '', count(*)::int, 0 FROM (
      SELECT ${period('submitted_at')} AS period, CASE price_rule WHEN 'child-free' THEN 'under-16' ELSE price_rule END AS exemption
        FROM econsult_cases WHERE clinic_id = ${q.clinicId} AND price_rule IN ('child-free', 'frikort') AND submitted_at >= ${start} AND submitted_at < ${end}
      UNION ALL
      SELECT ${period('applied_at')}, exemption
        FROM exemptions_applied WHERE clinic_id = ${q.clinicId} AND applied_at >= ${start} AND applied_at < ${end}
    ) e GROUP BY 1, 3
    ORDER BY 1, 2, 3, 4`.execute(db);
  return rows.rows.map((r) => ({ period: r.period, kind: r.kind, method: r.method, provider: r.provider, count: r.count, amountOre: Number(r.amount) }));
}

/** Kroner with a decimal comma and no thousands separator, as a Norwegian spreadsheet reads a number: 1234,50. */
export const kroner = (ore: number) => `${ore < 0 ? '-' : ''}${Math.floor(Math.abs(ore) / 100)},${String(Math.abs(ore) % 100).padStart(2, '0')}`;

/** A CSV for Excel and LibreOffice in Norwegian: a byte-order mark, semicolons, CRLF, quoted text where needed. */
export function norwegianCsv(headings: string[], rows: string[][]): string {
  const cell = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [headings, ...rows].map((line) => line.map(cell).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function settlementCsv(rows: SettlementRow[], headings: string[]): string {
  return norwegianCsv(headings, rows.map((r) => [r.period, r.kind, r.method, r.provider, String(r.count), kroner(r.amountOre)]));
}
