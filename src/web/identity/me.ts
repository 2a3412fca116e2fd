// The patient's own data (GET /api/me and its changes) and the access log, as React Query hooks.
import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { getJson, queryClient, sendJson, sessionQuery } from '../api.ts';
import type { ContactChange, Me } from './types.ts';

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: () => getJson<Me>('/api/me'),
});

const accessLogKey = ['me', 'access-log'] as const;

export function useMe() {
  return useQuery(meQuery);
}

function keep(me: Me): void {
  queryClient.setQueryData(meQuery.queryKey, me);
}

/** PUT /api/me/acting-for: act for a child (its id) or for oneself (null). */
export function useActFor() {
  return useMutation({
    mutationFn: (personId: string | null) => sendJson<Me>('PUT', '/api/me/acting-for', { personId }),
    onSuccess: async (me) => {
      // The access log and the journal cached so far belong to the previous subject.
      queryClient.removeQueries({ queryKey: accessLogKey });
      queryClient.removeQueries({ queryKey: ['journal'] });
      keep(me);
      // Awaited, so the banner (from the session) and the page (from me) change together.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey }),
        queryClient.invalidateQueries({ queryKey: meQuery.queryKey, exact: true }),
      ]);
    },
  });
}

export function useUpdateContact() {
  return useMutation({
    mutationFn: (change: ContactChange) => sendJson<Me>('PUT', '/api/me/contact', change),
    onSuccess: keep,
  });
}
