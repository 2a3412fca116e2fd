// The drop-in queue as React Query hooks: a patient's place (live), the staff waiting list (live), joining, leaving, taking the next.
import { useMutation, useQueries, useQuery } from '@tanstack/react-query';
import { getJson, queryClient, sendJson } from '../api.ts';
import { useLiveQueryData, type LiveStatus } from '../platform/live.ts';
import type { DropinVisitType, Place, StaffQueue, TakenPatient } from './types.ts';

/**
 * Whose place in which clinic. The patient is always named, also when it is oneself: without a name the server takes the
 * session's current subject, which another tab may switch to a child while this page waits.
 */
export interface PlaceRef {
  clinicId: string;
  patientId: string;
}

const placeKey = (ref: PlaceRef) => ['dropin', 'place', ref.clinicId, ref.patientId] as const;

function placePath(ref: PlaceRef): string {
  return `/api/dropin/${encodeURIComponent(ref.clinicId)}/me?${new URLSearchParams({ patientId: ref.patientId })}`;
}

/** The live topic of a place: 'dropin:me:<clinicId>:<patientId>'. */
export function placeTopic(ref: PlaceRef): string {
  return `dropin:me:${ref.clinicId}:${ref.patientId}`;
}

/** The place, first as fetched, then as the server pushes it over the socket. */
export function useLivePlace(ref: PlaceRef): { place: ReturnType<typeof usePlace>; live: LiveStatus } {
  const place = usePlace(ref);
  const live = useLiveQueryData<Place>(placeTopic(ref), placeKey(ref), 'dropin.position');
  return { place, live };
}

function usePlace(ref: PlaceRef) {
  return useQuery({
    queryKey: placeKey(ref),
    queryFn: () => getJson<Place>(placePath(ref)),
    // The socket keeps it fresh; a refetch on focus would only repeat what the socket said.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/** The patient's places in each drop-in clinic, to find one they are already waiting in (after a reload, or from another tab). */
export function useWaitingPlaces(refs: readonly PlaceRef[]) {
  return useQueries({
    queries: refs.map((ref) => ({ queryKey: placeKey(ref), queryFn: () => getJson<Place>(placePath(ref)), staleTime: Infinity, refetchOnWindowFocus: false })),
    combine: (results) => ({
      isPending: results.some((r) => r.isPending),
      waiting: results.flatMap((r, i) => (r.data?.status === 'waiting' ? [refs[i]!] : [])),
    }),
  });
}

export function useJoinQueue() {
  return useMutation({
    mutationFn: ({ ref, visitType }: { ref: PlaceRef; visitType: DropinVisitType }) =>
      sendJson<Place>('POST', `/api/dropin/${encodeURIComponent(ref.clinicId)}/join`, { visitType, patientId: ref.patientId }),
    onSuccess: (place, { ref }) => queryClient.setQueryData(placeKey(ref), place),
  });
}

/** Leaving frees the place at once; the answer is the place as it is now ('left'). */
export function useLeaveQueue() {
  return useMutation({
    mutationFn: (ref: PlaceRef) => sendJson<Place>('DELETE', placePath(ref)),
    onSuccess: (place, ref) => queryClient.setQueryData(placeKey(ref), place),
  });
}

const staffQueueKey = ['dropin', 'staff'] as const;

/** The clinic's waiting list. Each patient shown is written to the audit log, so it is fetched once and then kept live. */
export function useLiveStaffQueue(enabled: boolean): { queue: ReturnType<typeof useStaffQueue>; live: LiveStatus } {
  const queue = useStaffQueue(enabled);
  const live = useLiveQueryData<StaffQueue>(enabled ? 'dropin:staff' : null, staffQueueKey, 'dropin.queue');
  return { queue, live };
}

function useStaffQueue(enabled: boolean) {
  return useQuery({
    queryKey: staffQueueKey,
    queryFn: () => getJson<StaffQueue>('/api/staff/dropin'),
    enabled,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

export function useTakeNext() {
  return useMutation({ mutationFn: () => sendJson<TakenPatient>('POST', '/api/staff/dropin/take-next') });
}
