// Back from a checkout page (?payment=<id>): ask the server to confirm what happened there, then drop the parameter,
// so a reload does not ask again. `refresh` reads again what the payment changed. A checkout the provider has not
// settled yet (the bank or the payment app still deciding), or an answer lost to a passing server error, is asked
// again for a while, so a visit paid a moment later is shown paid without a reload.
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, sendJson } from '../api.ts';

/** The query parameter the payments service adds to the return path. */
export const PAYMENT_PARAM = 'payment';

/** How often, and how far apart, a confirmation is asked again. */
const CONFIRM_TRIES = 12;
const CONFIRM_EVERY_MS = 2_000;

class StillPending extends Error {}

/** Worth asking again: the checkout is still open at the provider, or the server could not answer just now. */
const askAgain = (error: unknown) => error instanceof StillPending || !(error instanceof ApiError) || error.status >= 500 || error.status === 429;

export function usePaymentReturn(refresh: () => Promise<unknown>): { checking: boolean; returned: boolean } {
  const [params, setParams] = useSearchParams();
  const paymentId = params.get(PAYMENT_PARAM);
  const confirm = useMutation({
    mutationFn: async (id: string) => {
      const payment = await sendJson<{ status: string }>('POST', `/api/payments/${encodeURIComponent(id)}/confirm`);
      if (payment.status === 'pending') throw new StillPending();
      return payment;
    },
    retry: (failures, error) => failures < CONFIRM_TRIES && askAgain(error),
    retryDelay: CONFIRM_EVERY_MS,
    onSettled: refresh,
  });
  const asked = useRef<string | null>(null);
  const [returned, setReturned] = useState(false);

  useEffect(() => {
    if (!paymentId || asked.current === paymentId) return;
    asked.current = paymentId;
    setReturned(true);
    confirm.mutate(paymentId, {
      onSettled: () =>
        setParams(
          (current) => {
            const next = new URLSearchParams(current);
            next.delete(PAYMENT_PARAM);
            return next;
          },
          { replace: true },
        ),
    });
  }, [paymentId, confirm, setParams]);

  // Said while the first answer is awaited; asked again after that in the background, the page usable meanwhile (a
  // payer who cancelled at the provider's page comes back to a checkout still open there).
  return { checking: (confirm.isPending && confirm.failureCount === 0) || (paymentId !== null && asked.current !== paymentId), returned };
}
