// The clinicians' e-consultation as React Query hooks: the live work queue, one case (audited), colleagues, and the moves.
import { useMutation, useQuery } from '@tanstack/react-query';
import { getJson, queryClient, sendJson } from '../api.ts';
import { useLiveQueryData, type LiveStatus } from '../platform/live.ts';
import type { ClosingOutcome, PersonRef, QueueView, StaffCaseView } from './types.ts';

const queueKey = ['econsult', 'staff', 'queue'] as const;
const staffCaseKey = (id: string) => ['econsult', 'staff', 'case', id] as const;
const staffCasePath = (id: string) => `/api/staff/econsult/cases/${encodeURIComponent(id)}`;

const QUEUE_TOPIC = 'econsult:queue';

/** The whole queue, first as fetched, then as the server pushes it; filters are applied on the page. */
export function useLiveQueue(enabled: boolean): { queue: ReturnType<typeof useQueue>; live: LiveStatus } {
  const queue = useQueue(enabled);
  const live = useLiveQueryData<QueueView>(enabled ? QUEUE_TOPIC : null, queueKey, 'econsult.queue');
  return { queue, live };
}

function useQueue(enabled: boolean) {
  return useQuery({
    queryKey: queueKey,
    queryFn: () => getJson<QueueView>('/api/staff/econsult/queue'),
    enabled,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/** Every fetch is written to the patient's access log: fetched on arrival and when the live version moves, never on focus. */
export function useStaffCase(id: string, enabled: boolean) {
  return useQuery({
    queryKey: staffCaseKey(id),
    queryFn: () => getJson<StaffCaseView>(staffCasePath(id)),
    enabled,
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

export function useColleagues(enabled: boolean) {
  return useQuery({
    queryKey: ['econsult', 'staff', 'colleagues'],
    queryFn: () => getJson<{ colleagues: PersonRef[] }>('/api/staff/econsult/colleagues').then((r) => r.colleagues),
    enabled,
    staleTime: 10 * 60_000,
  });
}

function keep(view: StaffCaseView): void {
  queryClient.setQueryData(staffCaseKey(view.id), view);
}

function move<I>(id: string, path: string) {
  return {
    mutationFn: (input: I) => sendJson<StaffCaseView>('POST', `${staffCasePath(id)}${path}`, input),
    onSuccess: keep,
  };
}

export function useClaim(id: string) {
  return useMutation(move<void>(id, '/claim'));
}

/** To a colleague (their practitioner id), or back to the queue (null). */
export function useHandOn(id: string) {
  return useMutation(move<{ toPractitionerId: string | null }>(id, '/hand-on'));
}

export function useWrite(id: string) {
  return useMutation(move<{ kind: 'reply' | 'question'; body: string }>(id, '/messages'));
}

export function useCloseCase(id: string) {
  return useMutation(move<{ outcome: ClosingOutcome; summary: string; journalNote: string }>(id, '/close'));
}
