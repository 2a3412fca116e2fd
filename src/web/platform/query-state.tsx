// Renders a query's three states the same way on every page: busy, failed (with the problem's detail) or its data.
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Loading } from './loading.tsx';
import { ProblemMessage } from './problem-message.tsx';

interface Props<T> {
  query: UseQueryResult<T>;
  /** Which login a 401 should offer. */
  loginKind: 'patient' | 'staff';
  children: (data: T) => ReactNode;
}

export function QueryState<T>({ query, loginKind, children }: Props<T>) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ProblemMessage error={query.error} loginKind={loginKind} />;
  return <>{children(query.data)}</>;
}
