// Back from a checkout page (?payment=<id>): ask the server once to confirm what happened there, then drop the
// parameter, so a reload does not ask again. `refresh` reads again what the payment changed.
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { sendJson } from '../api.ts';

/** The query parameter the payments service adds to the return path. */
export const PAYMENT_PARAM = 'payment';

export function usePaymentReturn(refresh: () => Promise<unknown>): { checking: boolean; returned: boolean } {
  const [params, setParams] = useSearchParams();
  const paymentId = params.get(PAYMENT_PARAM);
  const confirm = useMutation({
    mutationFn: (id: string) => sendJson<unknown>('POST', `/api/payments/${encodeURIComponent(id)}/confirm`),
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

  return { checking: confirm.isPending || (paymentId !== null && asked.current !== paymentId), returned };
}
