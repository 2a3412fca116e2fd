// Booking as React Query hooks: clinics, clinicians, free times, the patient's appointments, the day list, and the changes.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { getJson, isProblemType, queryClient, sendJson } from '../api.ts';
import { clinicsQuery } from './clinics-query.ts';
import { APPOINTMENT_PAYMENTS } from '../money/money-api.ts';
import type { Appointment, Availability, BookingRequest, Practitioner, VisitType } from './types.ts';

export interface AvailabilityParams {
  clinicId: string;
  practitionerId?: string | undefined;
  visitType: VisitType;
  from: Date;
  to: Date;
}

const availabilityKey = ['booking', 'availability'] as const;
const appointmentsKey = ['booking', 'appointments'] as const;

export function useClinics() {
  return useQuery(clinicsQuery);
}

export function usePractitioners(clinicId: string | undefined) {
  return useQuery({
    queryKey: ['booking', 'practitioners', clinicId],
    queryFn: () =>
      getJson<{ practitioners: Practitioner[] }>(`/api/clinics/${encodeURIComponent(clinicId ?? '')}/practitioners`).then((r) => r.practitioners),
    enabled: Boolean(clinicId),
    staleTime: 10 * 60_000,
  });
}

export function availabilityPath(p: AvailabilityParams): string {
  const query = new URLSearchParams({ clinicId: p.clinicId, visitType: p.visitType, from: p.from.toISOString(), to: p.to.toISOString() });
  if (p.practitionerId) query.set('practitionerId', p.practitionerId);
  return `/api/availability?${query}`;
}

export function useAvailability(params: AvailabilityParams | null) {
  return useQuery({
    queryKey: [...availabilityKey, params && { ...params, from: params.from.toISOString(), to: params.to.toISOString() }],
    queryFn: () => getJson<Availability>(availabilityPath(params!)),
    enabled: params !== null,
    staleTime: 30_000,
    // Paging weeks keeps the old week on screen until the new one is there, so the buttons do not jump.
    placeholderData: keepPreviousData,
  });
}

/** Free times fetched afresh, not from the cache: for the alternatives after a time was just taken. */
export function fetchAvailability(params: AvailabilityParams): Promise<Availability> {
  return queryClient.fetchQuery({ queryKey: ['booking', 'fresh-availability', availabilityPath(params)], queryFn: () => getJson<Availability>(availabilityPath(params)), staleTime: 0 });
}

/** The patient's own appointments and their children's. */
export function useMyAppointments() {
  return useQuery({
    queryKey: [...appointmentsKey, 'mine'],
    queryFn: () => getJson<{ appointments: Appointment[] }>('/api/appointments').then((r) => r.appointments),
  });
}

/** Reception's day list. Every fetch is written to each listed patient's access log, so it is not refetched on focus. */
export function useDayList(date: string, practitionerId: string, enabled: boolean) {
  const query = new URLSearchParams({ date });
  if (practitionerId) query.set('practitionerId', practitionerId);
  return useQuery({
    queryKey: [...appointmentsKey, 'day', date, practitionerId],
    queryFn: () => getJson<{ appointments: Appointment[] }>(`/api/appointments?${query}`).then((r) => r.appointments),
    enabled: enabled && /^\d{4}-\d{2}-\d{2}$/.test(date),
    staleTime: 60_000,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/** After any change the lists, the free times and the payments (a cancellation gives the money back) are out of date. */
function refreshAfterChange(): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: appointmentsKey }),
    queryClient.invalidateQueries({ queryKey: availabilityKey }),
    queryClient.invalidateQueries({ queryKey: APPOINTMENT_PAYMENTS }),
  ]);
}

/** The caller keeps the Idempotency-Key per submission, so a retry of the same submission cannot book twice. */
export function useBookAppointment() {
  return useMutation({
    mutationFn: ({ request, idempotencyKey }: { request: BookingRequest; idempotencyKey: string }) =>
      sendJson<Appointment>('POST', '/api/appointments', request, { 'Idempotency-Key': idempotencyKey }),
    onSettled: refreshAfterChange,
  });
}

export function useCancelAppointment() {
  return useMutation({
    mutationFn: (id: string) => sendJson<Appointment>('POST', `/api/appointments/${encodeURIComponent(id)}/cancel`),
    onSettled: refreshAfterChange,
  });
}

export function useRescheduleAppointment() {
  return useMutation({
    mutationFn: ({ id, start }: { id: string; start: string }) =>
      sendJson<Appointment>('POST', `/api/appointments/${encodeURIComponent(id)}/reschedule`, { start }),
    onSettled: refreshAfterChange,
  });
}

export function useDeclineVideo() {
  return useMutation({
    mutationFn: (id: string) => sendJson<Appointment>('POST', `/api/appointments/${encodeURIComponent(id)}/decline-video`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: appointmentsKey }),
  });
}

export function calendarHref(appointmentId: string): string {
  return `/api/appointments/${encodeURIComponent(appointmentId)}/calendar.ics`;
}

export function isProblem(error: unknown, name: 'slot-taken' | 'not-available' | 'patient-busy'): boolean {
  return isProblemType(error, name);
}
