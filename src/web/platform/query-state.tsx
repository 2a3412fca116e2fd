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
  // A failed refresh of data already shown keeps the page (and what the user is doing in it); the problem is shown with
  // it. Only a first load that failed replaces the page.
  if (query.isError && query.data === undefined) return <ProblemMessage error={query.error} loginKind={loginKind} />;
  return (
    <>
      {query.isError && <ProblemMessage error={query.error} loginKind={loginKind} />}
      {children(query.data as T)}
    </>
  );
}
