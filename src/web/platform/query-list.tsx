// A query's list as cards: busy, failed, a sentence when empty, else one item each.
import { Paragraph } from '@digdir/designsystemet-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { QueryState } from './query-state.tsx';

interface Props<T> {
  query: UseQueryResult<T[]>;
  loginKind: 'patient' | 'staff';
  /** Said when the list is empty. */
  empty: string;
  /** One item, with its key. */
  children: (item: T) => ReactNode;
}

export function QueryList<T>({ query, loginKind, empty, children }: Props<T>) {
  return (
    <QueryState query={query} loginKind={loginKind}>
      {(list) => (list.length === 0 ? <Paragraph>{empty}</Paragraph> : <ul className="nl-appointments">{list.map((item) => children(item))}</ul>)}
    </QueryState>
  );
}
