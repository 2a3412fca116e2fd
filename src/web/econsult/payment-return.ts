// Back from the card page (?payment=<id>) to a case: confirmed once, then the case is read again (the live topic
// would tell too).
import { usePaymentReturn as useReturnFromCheckout } from '../money/payment-return.ts';
import { refreshCase } from './patient-api.ts';

export function usePaymentReturn(caseId: string): { checking: boolean; returned: boolean } {
  return useReturnFromCheckout(() => refreshCase(caseId));
}
