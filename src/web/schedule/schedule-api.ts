// Schedules as React Query hooks: the clinic's clinicians with rules and exceptions, replacing rules, previewing and adding exceptions.
import { useMutation, useQuery } from '@tanstack/react-query';
import { getJson, queryClient, sendJson } from '../api.ts';
import type { AffectedAppointment, ExceptionPeriod, Rule, RuleInput, Schedule, ScheduleException } from './types.ts';

const scheduleKey = ['schedule'] as const;

export function useSchedule(enabled: boolean) {
  return useQuery({ queryKey: scheduleKey, queryFn: () => getJson<Schedule>('/api/staff/schedule'), enabled });
}

/** A schedule change changes free times too. */
function refreshAfterChange(): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: scheduleKey }),
    queryClient.invalidateQueries({ queryKey: ['booking', 'availability'] }),
    queryClient.invalidateQueries({ queryKey: ['booking', 'appointments'] }),
  ]);
}

const base = (practitionerId: string) => `/api/staff/schedule/${encodeURIComponent(practitionerId)}`;

/** PUT replaces the whole set; booked appointments outside the new hours stay booked and come back as a warning. */
export function useReplaceRules() {
  return useMutation({
    mutationFn: ({ practitionerId, rules }: { practitionerId: string; rules: RuleInput[] }) =>
      sendJson<{ rules: Rule[]; outsideHours: AffectedAppointment[] }>('PUT', `${base(practitionerId)}/rules`, { rules }),
    onSuccess: () => void refreshAfterChange(),
  });
}

export function usePreviewException() {
  return useMutation({
    mutationFn: ({ practitionerId, period }: { practitionerId: string; period: ExceptionPeriod }) =>
      sendJson<{ affected: AffectedAppointment[] }>('POST', `${base(practitionerId)}/exceptions/preview`, period).then((r) => r.affected),
  });
}

/** `confirmAffected` is how many appointments the user saw in the preview; if that changed meanwhile, the server answers 409 with the new list. */
export function useAddException() {
  return useMutation({
    mutationFn: ({ practitionerId, period, confirmAffected }: { practitionerId: string; period: ExceptionPeriod; confirmAffected: number }) =>
      sendJson<{ exception: ScheduleException; cancelled: AffectedAppointment[] }>('POST', `${base(practitionerId)}/exceptions`, { ...period, confirmAffected }),
    onSuccess: () => void refreshAfterChange(),
  });
}

export function useRemoveException() {
  return useMutation({
    mutationFn: (id: string) => sendJson('DELETE', `/api/staff/schedule/exceptions/${encodeURIComponent(id)}`),
    onSuccess: () => void refreshAfterChange(),
  });
}
