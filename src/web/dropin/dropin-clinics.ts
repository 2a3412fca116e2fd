// Which clinics take drop-in patients: the drop-in page's choices, and whether the header and Min side offer the link at all.
import { useQuery } from '@tanstack/react-query';
import { clinicsQuery } from '../booking/clinics-query.ts';
import type { BookingClinic } from '../booking/types.ts';

export function useDropinClinics(enabled = true) {
  return useQuery({ ...clinicsQuery, enabled, select: offeringDropin });
}

/** Whether some clinic has drop-in now; false until known, so the link appears rather than disappears. */
export function useOffersDropin(enabled = true): boolean {
  const { data } = useDropinClinics(enabled);
  return Boolean(data && data.length > 0);
}

function offeringDropin(clinics: BookingClinic[]): BookingClinic[] {
  return clinics.filter((c) => c.dropinVisitTypes.some((v) => v === 'video' || v === 'phone'));
}
