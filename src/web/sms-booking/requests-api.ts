// Reception's booking requests as React Query hooks: the open list, and booking, converting or rejecting one.
import { useMutation, useQuery } from '@tanstack/react-query';
import { getJson, queryClient, sendJson } from '../api.ts';
import type { VisitType } from '../booking/types.ts';
import type { BookingRequest, HandledRequest } from './types.ts';

const requestsKey = ['staff', 'booking-requests'] as const;

/** Every fetch writes each listed patient to the access log, so the list is fetched on arrival and when asked, not on focus. */
export function useBookingRequests(enabled: boolean) {
  return useQuery({
    queryKey: requestsKey,
    queryFn: () => getJson<{ requests: BookingRequest[] }>('/api/staff/booking-requests').then((r) => r.requests),
    enabled,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

const path = (id: string, action: 'book' | 'convert' | 'reject') => `/api/staff/booking-requests/${encodeURIComponent(id)}/${action}`;

/**
 * A handled request leaves the open list; booking also changes free times and the day list. Not awaited: the card goes
 * with the refetch, and the caller's own onSuccess (the page's notice) must run before it does.
 */
function refreshAfterHandling(): void {
  void Promise.all([
    queryClient.invalidateQueries({ queryKey: requestsKey }),
    queryClient.invalidateQueries({ queryKey: ['booking', 'availability'] }),
    queryClient.invalidateQueries({ queryKey: ['booking', 'appointments'] }),
  ]);
}

export interface BookFromRequest {
  id: string;
  practitionerId: string;
  start: string;
  visitType: VisitType;
}

export function useBookFromRequest() {
  return useMutation({
    mutationFn: ({ id, ...body }: BookFromRequest) => sendJson<HandledRequest>('POST', path(id, 'book'), body),
    onSuccess: refreshAfterHandling,
  });
}

export function useConvertRequest() {
  return useMutation({
    mutationFn: ({ id, visitType }: { id: string; visitType: 'clinic' | 'phone' }) => sendJson<HandledRequest>('POST', path(id, 'convert'), { visitType }),
    onSuccess: refreshAfterHandling,
  });
}

export function useRejectRequest() {
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => sendJson<HandledRequest>('POST', path(id, 'reject'), reason ? { reason } : {}),
    onSuccess: refreshAfterHandling,
  });
}
