// Staff data as React Query hooks: the staff home and one patient's summary.
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../api.ts';
import type { PatientSummary, StaffHome } from './types.ts';

/** `enabled` waits for the session to say this is staff, so nobody else triggers a refusal. */
export function useStaffHome(enabled: boolean) {
  return useQuery({ queryKey: ['staff', 'home'], queryFn: () => getJson<StaffHome>('/api/staff/home'), enabled });
}

/** Every fetch of a summary is written to the patient's access log, so it is fetched once per visit, not on focus. */
export function usePatientSummary(id: string, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: ['staff', 'patient', id],
    queryFn: () => getJson<PatientSummary>(`/api/staff/patients/${encodeURIComponent(id)}`),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}
