// Live server state for React: a topic's messages go into the query cache under a key, and the page learns whether it is live.
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { sessionQuery } from '../api.ts';
import { liveUrl, openLiveTopic, type LiveConnection, type LiveMessage, type LiveStatus } from './live-connection.ts';

export type { LiveMessage, LiveStatus } from './live-connection.ts';

/** Subscribes while mounted (and while `topic` is not null); `onMessage` gets the topic's messages, not the protocol's. */
export function useLiveTopic(topic: string | null, onMessage: (message: LiveMessage) => void): LiveStatus {
  return useLiveChannel(topic, onMessage).status;
}

export interface LiveChannel {
  status: LiveStatus;
  /** Sends a stream message ({"signal": …}, {"chat": …}) on the topic's socket; false when not live. */
  send: (message: object) => boolean;
}

/**
 * A topic plus the socket's stream messages (video signaling and chat), which `onStream` gets, and a way to send them.
 * The socket is the topic's: streams addressed to this viewer arrive only while it is subscribed.
 */
export function useLiveChannel(topic: string | null, onMessage: (message: LiveMessage) => void, onStream?: (message: LiveMessage) => void): LiveChannel {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const handler = useRef(onMessage);
  const streamHandler = useRef(onStream);
  const connectionRef = useRef<LiveConnection | null>(null);
  const queryClient = useQueryClient();
  const withStreams = Boolean(onStream);

  const previous = useRef<LiveStatus>(status);
  useEffect(() => {
    const was = previous.current;
    previous.current = status;
    // The session is over: let the page (RequireSession) and the header learn it, and offer the login.
    if (status === 'ended') void queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey });
    // Live again after a gap in which changes may have gone unannounced: what the page shows is fetched afresh.
    if (status === 'live' && (was === 'delayed' || was === 'reconnecting')) void queryClient.invalidateQueries();
  }, [status, queryClient]);

  useEffect(() => {
    handler.current = onMessage;
    streamHandler.current = onStream;
  });

  useEffect(() => {
    if (!topic) return undefined;
    const connection = openLiveTopic({
      url: liveUrl(window.location.origin),
      topic,
      onMessage: (m) => handler.current(m),
      onStatus: setStatus,
      ...(withStreams ? { onStream: (m: LiveMessage) => streamHandler.current?.(m) } : {}),
    });
    connectionRef.current = connection;
    // Back online: try at once rather than after the backoff.
    const online = () => connection.retryNow();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      connectionRef.current = null;
      connection.close();
    };
  }, [topic, withStreams]);

  const send = useCallback((message: object) => connectionRef.current?.send(message) ?? false, []);
  return { status, send };
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
