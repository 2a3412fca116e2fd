// On a hospital outpatient clinic's day list: "Send faktura" for a visit, and what was sent, in words (number, amount,
// KID and due date), or why there was nothing to invoice.
import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { FormStatus } from '../platform/form-status.tsx';
import { useIssueInvoice } from './money-api.ts';
import { useMoney } from './money-format.ts';
import { priceSentences } from './price-text.ts';

export function IssueInvoice({ appointmentId, describedBy }: { appointmentId: string; describedBy: string }) {
  const t = useT();
  const format = useFormat();
  const issue = useIssueInvoice();
  const money = useMoney(issue.data?.price.currency);
  const result = issue.data;
  return (
    <div className="nl-desk-payment">
      <div aria-live="polite">
        {result?.invoice ? (
          <Paragraph>{t('money.invoice.sent', { number: result.invoice.number, amount: money(result.invoice.amountOre), kid: result.invoice.kid, due: format.date(result.invoice.dueOn) })}</Paragraph>
        ) : result ? (
          <Paragraph>{t('money.invoice.nothing', { why: priceSentences(result.price, t, money)[0]! })}</Paragraph>
        ) : null}
      </div>
      {!result && (
        <Button variant="secondary" aria-describedby={describedBy} loading={issue.isPending} onClick={() => issue.mutate(appointmentId)}>
          {t('money.invoice.send')}
        </Button>
      )}
      <FormStatus error={issue.isError ? issue.error : null} />
    </div>
  );
}
