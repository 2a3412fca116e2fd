// The clinic admin's statistics as a React Query hook: weekly figures for a period, as the server computes them from
// the anonymous daily counts. Shapes are the server's.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { WeekStats } from '../../server/stats/domain.ts';
import { getJson } from '../api.ts';

export type { WeekStats } from '../../server/stats/domain.ts';

export interface ClinicStatistics {
  clinicId: string;
  from: string;
  to: string;
  today: string;
  weeks: WeekStats[];
}

export function statisticsPath(clinicId: string, from: string, to: string): string {
  return `/api/admin/statistics?${new URLSearchParams({ clinicId, from, to })}`;
}

/** The last answer stays shown while another period loads. */
export function useClinicStatistics(clinicId: string, from: string, to: string) {
  return useQuery({
    queryKey: ['stats', 'admin', clinicId, from, to],
    queryFn: () => getJson<ClinicStatistics>(statisticsPath(clinicId, from, to)),
    placeholderData: keepPreviousData,
  });
}
