// The journal note for an appointment, as React Query hooks. Every read is an audited access: fetched once per visit.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson } from '../api.ts';

export interface AppointmentNoteView {
  appointment: { id: string; startsAt: string; visitType: 'clinic' | 'video' | 'phone'; status: string; patient: { id: string; name: string | null } };
  note: { id: string; title: string; body: string; createdAt: string; authorName: string | null } | null;
}

const path = (appointmentId: string) => `/api/staff/appointments/${encodeURIComponent(appointmentId)}/journal-note`;
const key = (appointmentId: string) => ['journal', 'appointment', appointmentId];

export function useAppointmentNote(appointmentId: string, enabled: boolean) {
  return useQuery({ enabled, queryKey: key(appointmentId), queryFn: () => getJson<AppointmentNoteView>(path(appointmentId)), staleTime: Infinity, gcTime: 0, refetchOnWindowFocus: false });
}

export function useWriteNote(appointmentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { title: string; body: string }) => sendJson<AppointmentNoteView>('POST', path(appointmentId), input),
    onSuccess: (view) => client.setQueryData(key(appointmentId), view),
  });
}
