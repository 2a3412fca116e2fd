// The clinic admin's money as React Query hooks: the settlement (oppgjør) of a period and its CSV address, and the
// national co-payment figures (tariff and yearly ceilings) with their two corrections. Shapes are the server's.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SettlementRow } from '../../../server/money/clinic-settlement.ts';
import type { CopayService, TimeOfDay } from '../../../server/money/copayment.ts';
import type { CeilingRow, TariffRow } from '../../../server/money/tariff-data.ts';
import { getJson, sendJson } from '../../api.ts';
import type { Refund as AdminRefund } from '../../../server/payments/refunds.ts';
import type { InsuranceClaim } from '../../../server/money/insurance.ts';

export type { SettlementRow } from '../../../server/money/clinic-settlement.ts';
export type { CeilingRow, TariffRow } from '../../../server/money/tariff-data.ts';
export type { CopayService, TimeOfDay } from '../../../server/money/copayment.ts';

/** The services and times of day the tariff has figures for, in the order they are shown. */
export const SERVICES: readonly CopayService[] = ['gp-consultation', 'econsult', 'prescription-renewal', 'outpatient'];
export const TIMES: readonly TimeOfDay[] = ['day', 'evening'];

export interface SettlementQuestion {
  clinicId: string;
  /** Inclusive dates (YYYY-MM-DD) in the clinic's zone. */
  from: string;
  to: string;
  by: 'day' | 'month';
}

export interface Settlement {
  clinic: { id: string; name: string; orgNumber: string };
  from: string;
  to: string;
  by: 'day' | 'month';
  rows: SettlementRow[];
}

export interface CopaymentFigures {
  tariff: TariffRow[];
  ceilings: CeilingRow[];
}

/** The JSON address, or with 'csv' the same settlement as a file a plain link downloads. */
export function settlementPath(q: SettlementQuestion, format: 'json' | 'csv' = 'json'): string {
  const query = new URLSearchParams({ clinicId: q.clinicId, from: q.from, to: q.to, by: q.by });
  if (format === 'csv') query.set('format', 'csv');
  return `/api/admin/settlement?${query}`;
}

/** Asked only for a valid period; the last answer stays shown while the next one loads. */
export function useSettlement(q: SettlementQuestion, enabled: boolean) {
  return useQuery({
    queryKey: ['money', 'admin', 'settlement', q.clinicId, q.from, q.to, q.by],
    queryFn: () => getJson<Settlement>(settlementPath(q)),
    enabled,
    placeholderData: keepPreviousData,
  });
}

const FIGURES = ['money', 'admin', 'copayment'];

export function useCopaymentFigures(enabled: boolean) {
  return useQuery({ queryKey: FIGURES, queryFn: () => getJson<CopaymentFigures>('/api/admin/copayment'), enabled });
}

/** Adds a figure, or corrects the one with the same date, service and time of day. */
export function useSaveTariffRow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (row: TariffRow) => sendJson<TariffRow>('PUT', '/api/admin/copayment/tariff', row),
    onSuccess: () => client.invalidateQueries({ queryKey: FIGURES }),
  });
}

export function useSaveCeiling() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ year, amountOre, source }: CeilingRow) => sendJson<CeilingRow>('PUT', `/api/admin/copayment/ceilings/${encodeURIComponent(String(year))}`, { amountOre, source }),
    onSuccess: () => client.invalidateQueries({ queryKey: FIGURES }),
  });
}

export type { Refund as AdminRefund } from '../../../server/payments/refunds.ts';

export interface AdminPayment {
  id: string;
  paidAt: string;
  patientName: string | null;
  purpose: string;
  provider: string;
  amountOre: number;
  refundedOre: number;
  refunds: AdminRefund[];
}

const PAYMENTS = ['money', 'admin', 'payments'];

/** The clinic's card payments taken in a period (inclusive dates in the clinic's zone), with their refunds. */
export function useClinicPayments(from: string, to: string, enabled: boolean) {
  return useQuery({
    queryKey: [...PAYMENTS, from, to],
    queryFn: async () => (await getJson<{ payments: AdminPayment[] }>(`/api/admin/payments?${new URLSearchParams({ from, to })}`)).payments,
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Gives back part or all of a payment, with a reason; the payments and the settlement are asked again. */
export function useRefund() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ paymentId, amountOre, reason }: { paymentId: string; amountOre: number; reason: string }) =>
      sendJson<AdminRefund>('POST', `/api/admin/payments/${encodeURIComponent(paymentId)}/refunds`, { amountOre, reason }),
    onSettled: () => client.invalidateQueries({ queryKey: ['money', 'admin'] }),
  });
}

export interface ClinicPrices {
  kind: 'public_gp' | 'private' | 'hospital_outpatient';
  visitPriceOre: number | null;
  phonePriceOre: number | null;
  econsultPriceOre: number;
  childrenFree: boolean;
  acceptsInsurance: boolean;
}

const PRICES = ['money', 'admin', 'prices'];

export function useClinicPrices() {
  return useQuery({ queryKey: PRICES, queryFn: () => getJson<ClinicPrices>('/api/admin/clinic/prices') });
}

/** A private clinic's own prices and options; patients' cached prices are asked again. */
export function useSaveClinicPrices() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (p: Omit<ClinicPrices, 'kind'>) => sendJson<ClinicPrices>('PUT', '/api/admin/clinic/prices', p),
    onSuccess: (saved) => {
      client.setQueryData(PRICES, saved);
      void client.invalidateQueries({ queryKey: ['money', 'price'] });
    },
  });
}

/** The visits of a month billed to insurers (the clinic admin's claims to send). */
export function insuranceClaimsPath(clinicId: string, month: string, format: 'json' | 'csv' = 'json'): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const query = new URLSearchParams({ clinicId, from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` });
  if (format === 'csv') query.set('format', 'csv');
  return `/api/admin/insurance-claims?${query}`;
}

export function useInsuranceClaims(clinicId: string, month: string, enabled: boolean) {
  return useQuery({
    queryKey: ['money', 'admin', 'insurance-claims', clinicId, month],
    queryFn: async () => (await getJson<{ claims: InsuranceClaim[] }>(insuranceClaimsPath(clinicId, month))).claims,
    enabled,
    placeholderData: keepPreviousData,
  });
}

const ACCOUNT = ['money', 'admin', 'bank-account'];

/** The account the clinic's invoices are paid to (11 digits), or null. */
export function useBankAccount() {
  return useQuery({ queryKey: ACCOUNT, queryFn: () => getJson<{ bankAccount: string | null }>('/api/admin/clinic/bank-account') });
}

export function useSaveBankAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (bankAccount: string | null) => sendJson<{ bankAccount: string | null }>('PUT', '/api/admin/clinic/bank-account', { bankAccount }),
    onSuccess: (saved) => client.setQueryData(ACCOUNT, saved),
  });
}
