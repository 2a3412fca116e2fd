// The frame of a staff tool's page: its title, a staff login, and the staff member's home (clinic, roles, patients) loaded.
import type { ReactNode } from 'react';
import { RequireSession } from '../identity/require-session.tsx';
import { Page } from '../platform/page.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useStaffHome } from './staff-api.ts';
import type { StaffHome } from './types.ts';
import { useIsStaff } from './use-is-staff.ts';

export function StaffPage({ title, children }: { title: string; children: (home: StaffHome) => ReactNode }) {
  const home = useStaffHome(useIsStaff());
  return (
    <Page title={title}>
      <RequireSession kind="staff">
        {() => (
          <QueryState query={home} loginKind="staff">
            {children}
          </QueryState>
        )}
      </RequireSession>
    </Page>
  );
}
