// The GP list (fastlegeordningen) as React Query hooks: the patient's GP (live), finding a GP, switching, the waiting
// list, the journal transfer; the clinic admin's lists and ceilings; the office's journal transfers. The JSON shapes
// are the server's (type-only imports).
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { AdminGpList, AdminGpListDetail, CeilingResult, GpSearchResult, MyGp, StaffJournalTransfer, SwitchRequest, SwitchResult } from '../../server/gp/api.ts';
import { getJson, queryClient, sendJson } from '../api.ts';
import { meQuery } from '../identity/me.ts';
import { useLiveQueryData, type LiveStatus } from '../platform/live.ts';

export type { AdminGpList, AdminGpListDetail, CeilingResult, GpSearchResult, GpSummary, MyGp, StaffJournalTransfer, SwitchOutcome, SwitchRequest, SwitchResult } from '../../server/gp/api.ts';

export type JournalTransfer = MyGp['journalTransfers'][number];

const GP = ['gp'] as const;
const mineKey = (patientId: string) => ['gp', 'mine', patientId] as const;

/** Always names the patient, also oneself: the session's subject may change in another tab while the page is open. */
function minePath(patientId: string): string {
  return `/api/gp/mine?${new URLSearchParams({ patientId })}`;
}

/** The patient's (or the child's) GP, switches and waiting list, fetched once. */
export function useMyGp(patientId: string) {
  return useQuery({ queryKey: mineKey(patientId), queryFn: () => getJson<MyGp>(minePath(patientId)) });
}

/** The same, then as the server pushes it ('gp:me:<patientId>'): the waiting-list position changes without a reload. */
export function useLiveMyGp(patientId: string): { mine: ReturnType<typeof useMyGp>; live: LiveStatus } {
  const mine = useQuery({
    queryKey: mineKey(patientId),
    queryFn: () => getJson<MyGp>(minePath(patientId)),
    // The socket keeps it fresh; a refetch on focus would only repeat what the socket said.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const live = useLiveQueryData<MyGp>(`gp:me:${patientId}`, mineKey(patientId), 'gp.mine');
  return { mine, live };
}

export interface GpFilters {
  municipality: string;
  name: string;
}

/** GPs with their lists; empty filters find all. The previous result stays while a new search is on its way. */
export function useGpSearch(filters: GpFilters) {
  const query = new URLSearchParams();
  if (filters.municipality) query.set('municipality', filters.municipality);
  if (filters.name.trim()) query.set('name', filters.name.trim());
  return useQuery({
    queryKey: ['gp', 'search', filters.municipality, filters.name.trim()],
    queryFn: () => getJson<GpSearchResult>(`/api/gp/search?${query}`),
    placeholderData: keepPreviousData,
  });
}

/** What changes with a switch: every GP view, and Min side's GP section. */
async function afterSwitch(): Promise<void> {
  await Promise.all([queryClient.invalidateQueries({ queryKey: GP }), queryClient.invalidateQueries({ queryKey: meQuery.queryKey, exact: true })]);
}

/** Switches (or joins the waiting list) under the caller's Idempotency-Key, the same key again for a retry. */
export function useSwitchGp() {
  return useMutation({
    mutationFn: ({ request, idempotencyKey }: { request: SwitchRequest; idempotencyKey: string }) =>
      sendJson<SwitchResult>('POST', '/api/gp/switch', request, { 'Idempotency-Key': idempotencyKey }),
    onSuccess: afterSwitch,
  });
}

export function useLeaveWaitingList() {
  return useMutation({
    mutationFn: (patientId: string) => sendJson('DELETE', `/api/gp/waiting?${new URLSearchParams({ patientId })}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: GP }),
  });
}

/** Asks the office the patient left to send the journal to the new one. */
export function useRequestJournalTransfer() {
  return useMutation({
    mutationFn: (patientId: string) => sendJson<JournalTransfer>('POST', '/api/gp/journal-transfer', { patientId }),
    onSettled: (_data, _error, patientId) => queryClient.invalidateQueries({ queryKey: mineKey(patientId) }),
  });
}

const ADMIN = ['gp', 'admin'] as const;

/** The clinic's GP lists (clinic admins); `enabled` waits for a staff session. */
export function useAdminGpLists(enabled: boolean) {
  return useQuery({
    queryKey: [...ADMIN, 'lists'],
    queryFn: async () => (await getJson<{ lists: AdminGpList[] }>('/api/admin/gp/lists')).lists,
    enabled,
  });
}

/** Who is on one list and who waits for it. Each fetch is written to the patients' access log: once per opening. */
export function useAdminGpList(practitionerId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...ADMIN, 'list', practitionerId],
    queryFn: () => getJson<AdminGpListDetail>(`/api/admin/gp/lists/${encodeURIComponent(practitionerId)}`),
    enabled,
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/** Raising the ceiling gives places to the waiting list; lowering it below the list size reduces the list. */
export function useSetCeiling() {
  return useMutation({
    mutationFn: ({ practitionerId, ceiling }: { practitionerId: string; ceiling: number }) =>
      sendJson<CeilingResult>('PUT', `/api/admin/gp/lists/${encodeURIComponent(practitionerId)}/ceiling`, { ceiling }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ADMIN }),
  });
}

/** The GP leaves: the list closes, everyone on it gets an extra switch and a notice, the waiting list is withdrawn. */
export function useGpQuits() {
  return useMutation({
    mutationFn: (practitionerId: string) => sendJson<{ list: AdminGpList; affected: number }>('POST', `/api/admin/gp/lists/${encodeURIComponent(practitionerId)}/quit`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ADMIN }),
  });
}

const TRANSFERS = ['gp', 'staff', 'transfers'] as const;

/** Journal transfers from and to the staff member's office. */
export function useStaffJournalTransfers(enabled: boolean) {
  return useQuery({
    queryKey: TRANSFERS,
    queryFn: async () => (await getJson<{ transfers: StaffJournalTransfer[] }>('/api/staff/gp/journal-transfers')).transfers,
    enabled,
  });
}

/** The office the journal leaves marks it sent. */
export function useMarkTransferSent() {
  return useMutation({
    mutationFn: (id: string) => sendJson<StaffJournalTransfer>('POST', `/api/staff/gp/journal-transfers/${encodeURIComponent(id)}/sent`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: TRANSFERS }),
  });
}
