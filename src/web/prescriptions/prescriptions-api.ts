// Prescriptions as React Query hooks: the patient's own (list, renewal requests, locking, the access block) and the
// clinic's open renewal requests with the clinician's decision. The JSON shapes are the server's (type-only import).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AccessBlockView, MyPrescriptions, PrescriptionView, RenewalRequestView, StaffRenewalRequestView } from '../../server/prescriptions/api.ts';
import { getJson, sendJson } from '../api.ts';

export type { AccessBlockView, MyPrescriptions, PrescriptionView, RenewalItemView, RenewalRequestView, StaffRenewalRequestView } from '../../server/prescriptions/api.ts';

const MINE = ['prescriptions', 'mine'];
const STAFF = ['prescriptions', 'staff', 'renewal-requests'];

/** The session subject's prescriptions (the patient's own, or a young child's); a child 12–15 gets the server's 403. */
export function useMyPrescriptions() {
  return useQuery({ queryKey: MINE, queryFn: () => getJson<MyPrescriptions>('/api/prescriptions') });
}

export interface RenewalInput {
  prescriptionIds: string[];
  note?: string;
}

/** Sends a renewal request under the caller's Idempotency-Key (the same key again for a retry of the same request). */
export function useRequestRenewal() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: RenewalInput; idempotencyKey: string }) =>
      sendJson<RenewalRequestView>('POST', '/api/prescriptions/renewal-requests', input, { 'Idempotency-Key': idempotencyKey }),
    onSettled: () => client.invalidateQueries({ queryKey: MINE }),
  });
}

export function useLockPrescription() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => sendJson<PrescriptionView>('POST', `/api/prescriptions/${encodeURIComponent(id)}/lock`),
    onSuccess: (locked) =>
      client.setQueryData<MyPrescriptions>(MINE, (v) => (v ? { ...v, prescriptions: v.prescriptions.map((p) => (p.id === locked.id ? locked : p)) } : v)),
  });
}

export function useAccessBlock() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (blocked: boolean) => sendJson<AccessBlockView>('PUT', '/api/prescriptions/access-block', { blocked }),
    onSuccess: (accessBlock) => client.setQueryData<MyPrescriptions>(MINE, (v) => (v ? { ...v, accessBlock } : v)),
  });
}

/** The clinic's renewal requests with something left to decide, oldest first. Each read is audited per patient. */
export function useStaffRenewalRequests(enabled: boolean) {
  return useQuery({ enabled, queryKey: STAFF, queryFn: () => getJson<{ requests: StaffRenewalRequestView[] }>('/api/staff/prescriptions/renewal-requests') });
}

const requestPath = (id: string, action: 'approve' | 'decline') => `/api/staff/prescriptions/renewal-requests/${encodeURIComponent(id)}/${action}`;

/** Approve or decline a whole request; afterwards (also after a 409: a colleague decided first) the list is fetched again. */
export function useDecideRenewal(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (decision: { approve: true; antibioticConfirmed: boolean } | { approve: false; reason: string }) =>
      decision.approve
        ? sendJson<StaffRenewalRequestView>('POST', requestPath(id, 'approve'), decision.antibioticConfirmed ? { antibioticConfirmed: true } : {})
        : sendJson<StaffRenewalRequestView>('POST', requestPath(id, 'decline'), { reason: decision.reason }),
    onSettled: () => client.invalidateQueries({ queryKey: STAFF }),
  });
}
