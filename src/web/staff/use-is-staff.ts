// Whether the current session is a staff login; staff queries wait for it.
import { useSession } from '../identity/session.ts';

export function useIsStaff(): boolean {
  const { data } = useSession();
  return data?.authenticated === true && data.kind === 'staff';
}
