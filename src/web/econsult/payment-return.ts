// Back from the card page (?payment=<id>): ask the server once to confirm what happened there, then drop the parameter,
// so a reload does not ask again. The case is read again after; the live topic would tell too.
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useConfirmPayment } from './patient-api.ts';

/** The query parameter the payments service adds to the return path. */
export const PAYMENT_PARAM = 'payment';

export function usePaymentReturn(caseId: string): { checking: boolean; returned: boolean } {
  const [params, setParams] = useSearchParams();
  const paymentId = params.get(PAYMENT_PARAM);
  const confirm = useConfirmPayment(caseId);
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
