// One case kept current for whoever has it open: the server's topic says only the state and its version, and the page
// fetches the case again when the version differs from the one on screen (for staff, each fetch is an audited read).
import { useRef } from 'react';
import { useLiveTopic, type LiveStatus } from '../platform/live.ts';

export const caseTopic = (id: string) => `econsult:case:${id}`;

/**
 * The version to fetch for, or null when nothing is to be done: the snapshot's version when it is not the one shown and
 * not one already asked for (a reconnect repeats the snapshot; one audited read per change is enough).
 */
export function versionToFetch(message: { type: string; version?: unknown }, shownVersion: number | undefined, askedFor: number | null): number | null {
  if (message.type !== 'econsult.case' || typeof message.version !== 'number') return null;
  if (message.version === shownVersion || message.version === askedFor) return null;
  return message.version;
}

export function useCaseVersionWatch(id: string, shownVersion: number | undefined, refetch: () => unknown, enabled = true): LiveStatus {
  const askedFor = useRef<number | null>(null);
  return useLiveTopic(enabled ? caseTopic(id) : null, (message) => {
    const version = versionToFetch(message, shownVersion, askedFor.current);
    if (version === null) return;
    askedFor.current = version;
    refetch();
  });
}
