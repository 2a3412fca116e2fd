// Health contacts as React Query hooks for the staff's patient page: the patient's contacts at the clinic, assigning
// and ending. The JSON shapes are the server's (type-only import).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { HealthContactRole, StaffHealthContacts } from '../../server/contacts/api.ts';
import { getJson, sendJson } from '../api.ts';

export type { ClinicianChoice, HealthContactRole, StaffHealthContact, StaffHealthContacts } from '../../server/contacts/api.ts';

const KEY = (patientId: string) => ['contacts', 'staff', patientId];
const enc = encodeURIComponent;

/** Each read is written to the patient's access log: fetched once per visit, not on focus; changes answer with the new list. */
export function useHealthContacts(patientId: string) {
  return useQuery({
    queryKey: KEY(patientId),
    queryFn: () => getJson<StaffHealthContacts>(`/api/staff/patients/${enc(patientId)}/health-contacts`),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

export function useAssignHealthContact(patientId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { practitionerId: string; role: HealthContactRole }) => sendJson<StaffHealthContacts>('POST', `/api/staff/patients/${enc(patientId)}/health-contacts`, input),
    onSuccess: (view) => client.setQueryData(KEY(patientId), view),
  });
}

export function useEndHealthContact(patientId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => sendJson<StaffHealthContacts>('POST', `/api/staff/health-contacts/${enc(id)}/end`),
    onSuccess: (view) => client.setQueryData(KEY(patientId), view),
  });
}
