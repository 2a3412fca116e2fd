// The public list of clinics (GET /api/clinics) as one query definition, shared by booking, drop-in and the header's links.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../api.ts';
import type { BookingClinic } from './types.ts';

export const clinicsQuery = queryOptions({
  queryKey: ['booking', 'clinics'],
  queryFn: () => getJson<{ clinics: BookingClinic[] }>('/api/clinics').then((r) => r.clinics),
  staleTime: 10 * 60_000,
});

/** A clinic's IANA zone; Oslo until the list has arrived (every clinic so far is Norwegian or Swedish, an hour apart at most). */
export function useClinicTimeZone(clinicId: string): string {
  const { data } = useQuery(clinicsQuery);
  return data?.find((c) => c.id === clinicId)?.timeZone ?? 'Europe/Oslo';
}
