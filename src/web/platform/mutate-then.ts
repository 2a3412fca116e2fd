// A mutation's follow-up that must happen even when the component that started it is gone by then. TanStack Query
// drops the callbacks given to `mutate` when that component unmounts first — which is what happens when the change
// takes the item out of a list that is refetched (awaited by the mutation's own onSettled) before those callbacks run:
// the cancelled visit, the converted request, the ended contact. The page-level notice is then never shown.
export function mutateThen<TData, TVars>(mutation: { mutateAsync: (vars: TVars) => Promise<TData> }, vars: TVars, then: (data: TData) => void): void {
  // A failure stays in the mutation's state, which the component shows if it is still there.
  mutation.mutateAsync(vars).then(then, () => undefined);
}
