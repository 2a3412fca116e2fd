// Consent as React Query hooks: each kind with its text, what was answered and when; given or withdrawn at once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson } from '../api.ts';
import type { ConsentView } from '../../server/consents/service.ts';

export type { ConsentView } from '../../server/consents/service.ts';

const KEY = ['consents'] as const;

export function useConsents(subjectId: string) {
  return useQuery({ queryKey: [...KEY, subjectId], queryFn: async () => (await getJson<{ consents: ConsentView[] }>('/api/consents')).consents });
}

export function useSetConsent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, given }: { kind: ConsentView['kind']; given: boolean }) => sendJson<ConsentView>('PUT', `/api/consents/${kind}`, { given }),
    onSettled: () => client.invalidateQueries({ queryKey: KEY }),
  });
}
