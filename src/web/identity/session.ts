// Who is logged in (GET /api/session) and logging out; the session is cached by React Query like any server state.
import { useMutation, useQuery } from '@tanstack/react-query';
import { ApiError, sendJson, sessionQuery } from '../api.ts';

export function useSession() {
  return useQuery(sessionQuery);
}

/** POST /auth/logout, then a full page load of the front page so no cached data outlives the session. */
export function useLogout() {
  return useMutation({
    mutationFn: async () => {
      try {
        await sendJson('POST', '/auth/logout');
      } catch (error) {
        // Already logged out elsewhere: the goal is reached.
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      }
    },
    onSuccess: () => window.location.assign('/'),
  });
}

export function loginHref(kind: 'patient' | 'staff'): string {
  return `/auth/login?kind=${kind}`;
}
