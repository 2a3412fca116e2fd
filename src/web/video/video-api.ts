// The video room as React Query state: the room view (fetched, then pushed on the live socket with signals and chat),
// entering (patient link, guest invitation, clinician) and the clinician's actions.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GuestInvitation, IceServers, JoinLink, RoomEntry, RoomView } from '../../shared/video-api.ts';
import { getJson, sendJson } from '../api.ts';
import { useLiveChannel, type LiveChannel, type LiveMessage } from '../platform/live.ts';

export const roomKey = (id: string) => ['video', 'room', id] as const;
const roomPath = (id: string) => `/api/video/rooms/${encodeURIComponent(id)}`;
export const roomTopic = (id: string) => `video:room:${id}`;

export function useRoom(appointmentId: string | null) {
  return useQuery({
    queryKey: roomKey(appointmentId ?? ''),
    queryFn: () => getJson<RoomView>(roomPath(appointmentId!)),
    enabled: appointmentId !== null,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/** The room's live topic: each 'video.room' replaces the cached view; signals and chat go to `onStream`. */
export function useRoomChannel(appointmentId: string | null, onStream: (message: LiveMessage) => void): LiveChannel {
  const queryClient = useQueryClient();
  return useLiveChannel(
    appointmentId ? roomTopic(appointmentId) : null,
    (message) => {
      if (message.type !== 'video.room' || !appointmentId) return;
      const { type: _type, topic: _topic, ...view } = message;
      queryClient.setQueryData(roomKey(appointmentId), view as unknown as RoomView);
    },
    onStream,
  );
}

export const joinLinkFor = (appointmentId: string) => getJson<JoinLink>(`/api/video/appointments/${encodeURIComponent(appointmentId)}/link`);
export const joinWithLink = (token: string) => sendJson<RoomEntry>('POST', '/api/video/join', { token });
export const acceptInvitation = (token: string) => sendJson<RoomEntry>('POST', '/api/video/guest/accept', { token });
export const guestEnter = () => sendJson<RoomEntry>('POST', '/api/video/guest/enter');
export const clinicianEnter = (appointmentId: string) => sendJson<RoomEntry>('POST', `${roomPath(appointmentId)}/enter`);
export const leaveRoom = (appointmentId: string) => sendJson<RoomEntry>('POST', `${roomPath(appointmentId)}/leave`);
export const iceServersFor = (appointmentId: string) => getJson<IceServers>(`${roomPath(appointmentId)}/ice-servers`);

/** ICE servers fetched while waiting, so the call starts the moment the viewer is let in, without that round trip. */
const early = new Map<string, Promise<IceServers | null>>();

export function prefetchIceServers(appointmentId: string): void {
  if (!early.has(appointmentId)) early.set(appointmentId, iceServersFor(appointmentId).catch(() => null));
}

/** The prefetched servers if still good for `minValidMs`, else fetched now; a prefetch is used once. */
export async function takeIceServers(appointmentId: string, minValidMs: number): Promise<IceServers> {
  const ahead = early.get(appointmentId);
  early.delete(appointmentId);
  const servers = ahead ? await ahead : null;
  return servers && Date.parse(servers.expiresAt) - Date.now() > minValidMs ? servers : iceServersFor(appointmentId);
}
export const connectionTestServers = () => getJson<IceServers>('/api/video/connection-test');

/** A clinician's change to the room; the answer is the new view. */
function useRoomChange<I>(appointmentId: string, path: (input: I) => string, method: 'POST' | 'PUT' = 'POST', body?: (input: I) => unknown) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => sendJson<RoomView>(method, `${roomPath(appointmentId)}${path(input)}`, body?.(input)),
    onSuccess: (view) => queryClient.setQueryData(roomKey(appointmentId), view),
  });
}

export const useAdmit = (id: string) => useRoomChange<string>(id, (pid) => `/participants/${encodeURIComponent(pid)}/admit`);
export const useRemove = (id: string) => useRoomChange<string>(id, (pid) => `/participants/${encodeURIComponent(pid)}/remove`);
export const useLate = (id: string) => useRoomChange<number>(id, () => '/late', 'PUT', (minutes) => ({ minutes }));
export const useIdentityCheck = (id: string) => useRoomChange<void>(id, () => '/identity-check');
export const useEndCall = (id: string) => useRoomChange<void>(id, () => '/end');
export const usePhoneInstead = (id: string) => useRoomChange<string>(id, () => '/phone-instead', 'POST', (phone) => (phone ? { phone } : {}));

export function useInvite(appointmentId: string) {
  return useMutation({
    mutationFn: (input: { role: 'interpreter' | 'relative'; displayName: string }) => sendJson<GuestInvitation>('POST', `${roomPath(appointmentId)}/invitations`, input),
  });
}
