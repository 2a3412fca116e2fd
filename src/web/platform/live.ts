// Live server state for React: a topic's messages go into the query cache under a key, and the page learns whether it is live.
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { sessionQuery } from '../api.ts';
import { liveUrl, openLiveTopic, type LiveMessage, type LiveStatus } from './live-connection.ts';

export type { LiveMessage, LiveStatus } from './live-connection.ts';

/** Subscribes while mounted (and while `topic` is not null); `onMessage` gets the topic's messages, not the protocol's. */
export function useLiveTopic(topic: string | null, onMessage: (message: LiveMessage) => void): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const handler = useRef(onMessage);
  const queryClient = useQueryClient();

  useEffect(() => {
    // The session is over: let the page (RequireSession) and the header learn it, and offer the login.
    if (status === 'ended') void queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey });
  }, [status, queryClient]);

  useEffect(() => {
    handler.current = onMessage;
  });

  useEffect(() => {
    if (!topic) return undefined;
    const connection = openLiveTopic({ url: liveUrl(window.location.origin), topic, onMessage: (m) => handler.current(m), onStatus: setStatus });
    // Back online: try at once rather than after the backoff.
    const online = () => connection.retryNow();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      connection.close();
    };
  }, [topic]);

  return status;
}

/** Each message of `type` on the topic replaces the cached data of `queryKey`, which the page reads with useQuery as usual. */
export function useLiveQueryData<T>(topic: string | null, queryKey: QueryKey, type: string): LiveStatus {
  const queryClient = useQueryClient();
  return useLiveTopic(topic, (message) => {
    if (message.type !== type) return;
    const { type: _type, topic: _topic, ...data } = message;
    queryClient.setQueryData<T>(queryKey, data as T);
  });
}
