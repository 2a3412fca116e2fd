// Which clinics offer e-consultation: the start page's choices, and whether the header and Min side offer the link at all.
import { useQuery } from '@tanstack/react-query';
import { clinicsQuery } from '../booking/clinics-query.ts';
import type { BookingClinic } from '../booking/types.ts';

export function useEconsultClinics(enabled = true) {
  return useQuery({ ...clinicsQuery, enabled, select: offeringEconsult });
}

/** Whether some clinic offers it; false until known, so the link appears rather than disappears. */
export function useOffersEconsult(enabled = true): boolean {
  const { data } = useEconsultClinics(enabled);
  return Boolean(data && data.length > 0);
}

function offeringEconsult(clinics: BookingClinic[]): BookingClinic[] {
  return clinics.filter((c) => c.services.includes('econsult'));
}
