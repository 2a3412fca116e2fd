// "Download my data" as React Query hooks: the exports asked for, asked again every 2 s while one is being built.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson } from '../api.ts';
import type { ExportView } from '../../server/export/service.ts';

export type { ExportView } from '../../server/export/service.ts';

const KEY = ['exports'] as const;

export function useExports(subjectId: string) {
  return useQuery({
    queryKey: [...KEY, subjectId],
    queryFn: async () => (await getJson<{ exports: ExportView[] }>('/api/me/exports')).exports,
    refetchInterval: (query) => (query.state.data?.some((e) => e.status === 'queued' || e.status === 'building') ? 2_000 : false),
  });
}

export function useRequestExport() {
  const client = useQueryClient();
  return useMutation({ mutationFn: () => sendJson<ExportView>('POST', '/api/me/export', {}), onSettled: () => client.invalidateQueries({ queryKey: KEY }) });
}

export function useRefreshExports() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: KEY });
}
