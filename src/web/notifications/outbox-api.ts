// The dev outbox as a React Query hook that polls every three seconds.
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../api.ts';
import type { OutboxMessage } from './types.ts';

const REFRESH_MS = 3_000;

export const outboxKey = ['dev', 'outbox'] as const;

export function useOutbox() {
  return useQuery({
    queryKey: outboxKey,
    queryFn: () => getJson<{ messages: OutboxMessage[] }>('/api/dev/outbox'),
    select: ({ messages }) => [...messages].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)),
    refetchInterval: REFRESH_MS,
  });
}
