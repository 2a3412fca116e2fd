// A case waiting for its price to be reserved: the price, what happens to the money, and "Betal" to the card page.
import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useT } from '../i18n/index.tsx';
import { useSubmitCase } from './patient-api.ts';
import { usePriceText } from './price-facts.ts';
import { goToPayment } from './summary-step.tsx';
import type { CaseView } from './types.ts';
import { FormStatus } from '../platform/form-status.tsx';

export function PaymentPanel({ view, returned }: { view: CaseView; returned: boolean }) {
  const t = useT();
  const pay = useSubmitCase(view.id);
  const priceText = usePriceText();
  const headingId = useId();
  const price = view.price ? priceText(view.price) : null;
  const leaving = pay.isSuccess && Boolean(pay.data.redirectUrl);

  return (
    <section className="nl-section nl-econsult-panel" aria-labelledby={headingId}>
      <Heading level={2} data-size="sm" id={headingId}>
        {t('econsult.payment.heading')}
      </Heading>
      {returned && (
        <Alert data-color="warning">
          <Paragraph>{t('econsult.payment.notFinished')}</Paragraph>
        </Alert>
      )}
      {price && <Paragraph data-size="lg">{price.explanation}</Paragraph>}
      <Paragraph>{t('econsult.payment.how')}</Paragraph>
      <FormStatus error={pay.isError ? pay.error : null} />
      <div>
        <Button loading={pay.isPending || leaving} onClick={() => !(pay.isPending || leaving) && pay.mutate(undefined, { onSuccess: goToPayment })}>
          {price ? t('econsult.payment.payAmount', { amount: price.amount }) : t('econsult.payment.pay')}
        </Button>
      </div>
    </section>
  );
}
