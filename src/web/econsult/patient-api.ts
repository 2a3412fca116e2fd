// The patient's e-consultation as React Query hooks: the clinic's setup, questionnaires, my cases, one case and its changes.
import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { getJson, queryClient, sendJson } from '../api.ts';
import type { Answers, Questionnaire, ReasonSummary } from '../../shared/econsult/questionnaire.ts';
import { uploadPhoto } from './photo-upload.ts';
import type { CaseSummary, CaseView, EconsultSetup, PhotoView, SubmitResult } from './types.ts';

const casesKey = ['econsult', 'cases'] as const;
export const caseKey = (id: string) => ['econsult', 'case', id] as const;
const casePath = (id: string) => `/api/econsult/cases/${encodeURIComponent(id)}`;

/** The clinic's reasons, emergency screening and emergency numbers. */
export function setupQuery(clinicId: string) {
  return queryOptions({
    queryKey: ['econsult', 'setup', clinicId],
    queryFn: () => getJson<EconsultSetup>(`/api/econsult/clinics/${encodeURIComponent(clinicId)}`),
    staleTime: 10 * 60_000,
  });
}

export function useSetup(clinicId: string | undefined) {
  return useQuery({ ...setupQuery(clinicId ?? ''), enabled: Boolean(clinicId) });
}

/** A reason's questionnaire: the version a case was answered in, or the latest for a draft. */
export function questionnaireQuery(reasonId: string, version?: number | null) {
  return queryOptions({
    queryKey: ['econsult', 'questionnaire', reasonId, version ?? 'latest'],
    queryFn: () => getJson<Questionnaire>(`/api/econsult/questionnaires/${encodeURIComponent(reasonId)}${version ? `?version=${version}` : ''}`),
    staleTime: 10 * 60_000,
  });
}

export function useQuestionnaire(reasonId: string | null | undefined, version?: number | null) {
  return useQuery({ ...questionnaireQuery(reasonId ?? '', version), enabled: Boolean(reasonId) });
}

/** Every reason in the catalogue with its title, for lists that name the reasons of cases. */
export function useReasons() {
  return useQuery({
    queryKey: ['econsult', 'reasons'],
    queryFn: () => getJson<{ reasons: ReasonSummary[] }>('/api/econsult/reasons').then((r) => r.reasons),
    staleTime: 10 * 60_000,
  });
}

/** The patient's own cases and their children's, newest first. */
export function useMyCases() {
  return useQuery({
    queryKey: casesKey,
    queryFn: () => getJson<{ cases: CaseSummary[] }>('/api/econsult/cases').then((r) => r.cases.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))),
  });
}

export function useCase(id: string) {
  return useQuery({ queryKey: caseKey(id), queryFn: () => getJson<CaseView>(casePath(id)) });
}

function keep(view: CaseView): void {
  queryClient.setQueryData(caseKey(view.id), view);
  void queryClient.invalidateQueries({ queryKey: casesKey });
}

export function useStartCase() {
  return useMutation({
    mutationFn: (input: { clinicId: string; patientId: string; screening: Record<string, boolean> }) => sendJson<CaseView>('POST', '/api/econsult/cases', input),
    onSuccess: keep,
  });
}

export interface DraftChange {
  reasonId?: string;
  answers?: Answers;
  description?: string;
}

export function useSaveDraft(id: string) {
  return useMutation({
    mutationFn: (change: DraftChange) => sendJson<CaseView>('PATCH', casePath(id), change),
    onSuccess: keep,
  });
}

/** With a price to pay the page leaves for the card page: the case is not replaced meanwhile, so nothing flickers. */
export function useSubmitCase(id: string) {
  return useMutation({
    mutationFn: () => sendJson<SubmitResult>('POST', `${casePath(id)}/submit`),
    onSuccess: (result) => {
      if (!result.redirectUrl) keep(result.case);
    },
  });
}

export function useAnswerQuestion(id: string) {
  return useMutation({
    mutationFn: (body: string) => sendJson<CaseView>('POST', `${casePath(id)}/answer`, { body }),
    onSuccess: keep,
  });
}

/** Each photo is its own request; the case is fetched again after, so the list is the server's. */
export function useUploadPhoto(id: string) {
  return useMutation({
    mutationFn: (file: File): Promise<PhotoView> => uploadPhoto(id, file),
    onSettled: () => queryClient.invalidateQueries({ queryKey: caseKey(id) }),
  });
}

export function useRemovePhoto(id: string) {
  return useMutation({
    mutationFn: (photoId: string) => sendJson('DELETE', `${casePath(id)}/photos/${encodeURIComponent(photoId)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: caseKey(id) }),
  });
}

/** Back from the card page: ask the server to look at what the payer did there, then read the case again. */
/** Fetches the case again (a live snapshot said it changed). */
export function refreshCase(id: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: caseKey(id) });
}
