// On reception's day list: whether a visit's co-payment has been paid at the desk, and the button that records it.
// What the server answers is said in words: the amount recorded, or why there was nothing to pay.
import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useT } from '../i18n/index.tsx';
import { FormStatus } from '../platform/form-status.tsx';
import { useMarkPaidAtClinic } from './money-api.ts';
import { useMoney } from './money-format.ts';
import { priceSentences } from './price-text.ts';

export interface DeskPaymentProps {
  appointmentId: string;
  /** The visit's heading, which the button's label refers to. */
  describedBy: string;
  /** The amount recorded as paid at the desk, if it is. */
  paidOre: number | undefined;
}

export function DeskPayment({ appointmentId, describedBy, paidOre }: DeskPaymentProps) {
  const t = useT();
  const mark = useMarkPaidAtClinic();
  const money = useMoney(mark.data?.price.currency);
  const result = mark.data;
  return (
    <div className="nl-desk-payment">
      <div aria-live="polite">
        {paidOre !== undefined ? (
          <Paragraph>{t('money.desk.paid', { amount: money(paidOre) })}</Paragraph>
        ) : result && result.paidAt === null ? (
          <Paragraph>{t('money.desk.nothing', { why: priceSentences(result.price, t, money)[0]! })}</Paragraph>
        ) : null}
      </div>
      {paidOre === undefined && !(result && result.paidAt === null) && (
        <Button variant="secondary" aria-describedby={describedBy} loading={mark.isPending} onClick={() => mark.mutate(appointmentId)}>
          {t('money.desk.mark')}
        </Button>
      )}
      <FormStatus error={mark.isError ? mark.error : null} />
    </div>
  );
}
