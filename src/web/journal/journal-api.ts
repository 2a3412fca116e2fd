// The journal note for an appointment, as React Query hooks. Every read is an audited access: fetched once per visit.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { JournalNote } from '../../shared/journal-api.ts';
import { getJson, sendJson } from '../api.ts';

export interface AppointmentNoteView {
  appointment: { id: string; startsAt: string; visitType: 'clinic' | 'video' | 'phone'; status: string; patient: { id: string; name: string | null } };
  note: JournalNote | null;
  /** No note yet, and the visit took place: the clinician may write it (saving marks a begun visit completed). */
  mayWrite: boolean;
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

/** The journal of the session's subject (the patient, or the child acted for). */
export function useJournal() {
  return useQuery({ queryKey: ['journal', 'mine'], queryFn: () => getJson<{ notes: JournalNote[] }>('/api/journal') });
}

/** A correction of the note (a new version); the visit's view then shows it. */
export function useCorrectNote(appointmentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { noteId: string; title: string; body: string }) =>
      sendJson<JournalNote>('POST', `/api/staff/journal-notes/${encodeURIComponent(input.noteId)}/corrections`, { title: input.title, body: input.body }),
    onSuccess: (note) => client.setQueryData<AppointmentNoteView>(key(appointmentId), (v) => (v ? { ...v, note } : v)),
  });
}
