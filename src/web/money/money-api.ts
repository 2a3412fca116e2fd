// Money as React Query hooks: the price of a visit before it is booked or sent, a year's co-payments with the frikort,
// and the desk's record of visits paid at the clinic. The JSON shapes are the server's (type-only imports).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CopaymentSummary, PriceView } from '../../server/money/service.ts';
import { getJson, sendJson } from '../api.ts';
import type { PaidAtClinic } from '../../server/money/at-clinic.ts';
import type { Receipt } from '../../server/money/receipts.ts';
import type { AppointmentPayment } from '../../server/money/appointment-payments.ts';
import type { Insurance } from '../../server/money/insurance.ts';
import type { Issued } from '../../server/money/invoices.ts';

export type { CopaymentSummary, PriceView } from '../../server/money/service.ts';
export type { Exemption, PayBy } from '../../server/money/copayment.ts';
export type { CareCategory } from '../../server/platform/db/schema.ts';
import type { CareCategory } from '../../server/platform/db/schema.ts';

export type PricedService = 'consultation' | 'econsult' | 'prescription-renewal';

export interface PriceQuestion {
  clinicId: string;
  service: PricedService;
  visitType?: 'clinic' | 'video' | 'phone' | undefined;
  /** Whom the visit is for: the patient, or a child the parent books for. */
  patientId: string;
  /** The booked time (ISO 8601); a case sent now leaves it out. */
  at?: string | undefined;
  /** A pregnancy check-up or mental-health care, where that frees the visit. */
  careCategory?: CareCategory | null | undefined;
}

export function pricePath(q: PriceQuestion): string {
  const query = new URLSearchParams({ clinicId: q.clinicId, service: q.service, patientId: q.patientId });
  if (q.visitType) query.set('visitType', q.visitType);
  if (q.at) query.set('at', new Date(q.at).toISOString());
  if (q.careCategory) query.set('careCategory', q.careCategory);
  return `/api/prices?${query}`;
}

/** What the visit will cost this patient, with any exemption and how it is paid; asked again when any part changes. */
export function usePrice(q: PriceQuestion) {
  return useQuery({
    queryKey: ['money', 'price', q.clinicId, q.service, q.visitType ?? null, q.patientId, q.at ?? null, q.careCategory ?? null],
    queryFn: () => getJson<PriceView>(pricePath(q)),
    staleTime: 30_000,
  });
}

/**
 * One calendar year's co-payments of the person the page is about. Keyed by that person, so acting for a child never
 * shows the parent's figures from the cache (or the other way round).
 */
export function useCopaymentSummary(patientId: string, year: number) {
  return useQuery({
    queryKey: ['money', 'copayments', patientId, year],
    queryFn: () => getJson<CopaymentSummary>(`/api/copayment/summary?${new URLSearchParams({ year: String(year), patientId })}`),
  });
}

export type { PaidAtClinic } from '../../server/money/at-clinic.ts';

/** The clinic's visits on a day (YYYY-MM-DD, its zone) whose co-payment was paid at the desk. */
export function usePaidAtClinic(date: string, enabled: boolean) {
  return useQuery({
    queryKey: ['money', 'paid-at-clinic', date],
    queryFn: () => getJson<{ paid: Array<{ appointmentId: string; amountOre: number; paidAt: string }> }>(`/api/staff/paid-at-clinic?${new URLSearchParams({ date })}`),
    enabled: enabled && /^\d{4}-\d{2}-\d{2}$/.test(date),
  });
}

/** Reception marks a visit's co-payment paid at the desk (a second mark changes nothing). */
export function useMarkPaidAtClinic() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (appointmentId: string) => sendJson<PaidAtClinic>('POST', `/api/staff/appointments/${encodeURIComponent(appointmentId)}/paid-at-clinic`),
    onSettled: () => client.invalidateQueries({ queryKey: ['money', 'paid-at-clinic'] }),
  });
}

/** The clinic sets or corrects what kind of care a visit is (until it is paid); the day lists show it. */
export function useSetCareCategory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (r: { appointmentId: string; careCategory: CareCategory | null }) =>
      sendJson<{ appointmentId: string; careCategory: CareCategory | null; price: PriceView }>('PUT', `/api/staff/appointments/${encodeURIComponent(r.appointmentId)}/care-category`, { careCategory: r.careCategory }),
    onSettled: () => client.invalidateQueries({ queryKey: ['booking', 'appointments'] }),
  });
}

export type { Receipt } from '../../server/money/receipts.ts';

/** Every payment the logged-in person made, newest first, each with a receipt. */
export function useReceipts() {
  return useQuery({
    queryKey: ['money', 'receipts'],
    queryFn: async () => (await getJson<{ payments: Receipt[] }>('/api/payments')).payments,
  });
}

export type { Issued, InvoiceView } from '../../server/money/invoices.ts';

/** Reception sends a hospital visit's invoice to the patient's inbox (a second press gets the same invoice). */
export function useIssueInvoice() {
  return useMutation({
    mutationFn: (appointmentId: string) => sendJson<Issued>('POST', `/api/staff/appointments/${encodeURIComponent(appointmentId)}/invoice`),
  });
}

/** The card payments of the patient's (and their children's) appointments, the latest per appointment, and the insurers given. */
/** Statuses that settle by themselves within seconds (the capture job, the provider's answer). */
const PASSING = new Set(['authorized', 'capture_requested', 'release_requested']);

/** Asked again every few seconds while a payment is on its way (e.g. a cancelled visit's refund waits for the capture). */
export function useAppointmentPayments() {
  return useQuery({
    queryKey: APPOINTMENT_PAYMENTS,
    queryFn: () => getJson<{ payments: AppointmentPayment[]; insurance: Insurance[] }>('/api/appointment-payments'),
    refetchInterval: (query) => (query.state.data?.payments.some((p) => PASSING.has(p.status)) ? 3_000 : false),
  });
}

/** Bills the visit to the patient's insurer (a private clinic that accepts it). */
export function useGiveInsurance() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (r: { appointmentId: string; insurer: string; policyNumber: string }) =>
      sendJson<Insurance>('PUT', `/api/appointments/${encodeURIComponent(r.appointmentId)}/insurance`, { insurer: r.insurer, policyNumber: r.policyNumber }),
    onSuccess: () => client.invalidateQueries({ queryKey: APPOINTMENT_PAYMENTS }),
  });
}

export const APPOINTMENT_PAYMENTS = ['money', 'appointment-payments'] as const;

/** Opens (or finds again) the appointment's card checkout; the page then goes there. */
export function usePayAppointment() {
  return useMutation({ mutationFn: (appointmentId: string) => sendJson<{ paymentId: string; redirectUrl: string; status: string }>('POST', `/api/appointments/${encodeURIComponent(appointmentId)}/payment`) });
}
