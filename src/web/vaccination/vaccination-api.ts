// Seasonal vaccination as React Query hooks: campaigns and a day's free times, the patient's vaccine times (booked with
// one Idempotency-Key per submission, moved, cancelled), and the staff side (publish a campaign, the day's list, given).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson } from '../api.ts';
import type { CampaignView, NewCampaign, SlotView, TargetGroup, VaccinationBooking } from '../../server/vaccination/api.ts';

export type { CampaignView, NewCampaign, SlotView, TargetGroup, VaccinationBooking } from '../../server/vaccination/api.ts';

const KEY = ['vaccination'] as const;

export function useCampaigns() {
  return useQuery({ queryKey: [...KEY, 'campaigns'], queryFn: async () => (await getJson<{ campaigns: CampaignView[] }>('/api/vaccination/campaigns')).campaigns });
}

export function useSlots(campaignId: string, date: string | null) {
  return useQuery({
    queryKey: [...KEY, 'slots', campaignId, date],
    enabled: Boolean(date),
    queryFn: async () => (await getJson<{ slots: SlotView[] }>(`/api/vaccination/campaigns/${encodeURIComponent(campaignId)}/slots?date=${date}`)).slots,
  });
}

export function useMyVaccinations() {
  return useQuery({ queryKey: [...KEY, 'mine'], queryFn: async () => (await getJson<{ bookings: VaccinationBooking[] }>('/api/vaccination/bookings')).bookings });
}

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: KEY });
}

export function useBookVaccination() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ request, idempotencyKey }: { request: { campaignId: string; start: string; targetGroup?: TargetGroup | undefined }; idempotencyKey: string }) =>
      sendJson<VaccinationBooking>('POST', '/api/vaccination/bookings', request, { 'Idempotency-Key': idempotencyKey }),
    onSettled: refresh,
  });
}

export function useMoveVaccination() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ({ id, start }: { id: string; start: string }) => sendJson<VaccinationBooking>('POST', `/api/vaccination/bookings/${encodeURIComponent(id)}/move`, { start }), onSettled: refresh });
}

export function useCancelVaccination() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => sendJson<VaccinationBooking>('POST', `/api/vaccination/bookings/${encodeURIComponent(id)}/cancel`), onSettled: refresh });
}

export function useCreateCampaign() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (c: NewCampaign) => sendJson<CampaignView>('POST', '/api/admin/vaccination/campaigns', c), onSettled: refresh });
}

export function useVaccinationDay(date: string) {
  return useQuery({ queryKey: [...KEY, 'day', date], enabled: /^\d{4}-\d{2}-\d{2}$/.test(date), queryFn: async () => (await getJson<{ bookings: VaccinationBooking[] }>(`/api/staff/vaccination/bookings?date=${date}`)).bookings });
}

export function useMarkGiven() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => sendJson<VaccinationBooking>('POST', `/api/staff/vaccination/bookings/${encodeURIComponent(id)}/given`), onSettled: refresh });
}
