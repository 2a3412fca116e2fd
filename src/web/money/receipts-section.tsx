// "Kvitteringer": every payment the logged-in person made (card; at the desk or by invoice for them or a child), each
// with its receipt as a PDF (and, in the inbox, as a letter).
import { Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useFormat } from '../i18n/format.ts';
import { isMessageKey, useT } from '../i18n/index.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useReceipts } from './money-api.ts';
import { useMoney } from './money-format.ts';

export function ReceiptsSection() {
  const t = useT();
  const format = useFormat();
  const money = useMoney();
  const receipts = useReceipts();
  const headingId = useId();
  const serviceText = (service: string) => {
    const key = `money.service.${service}`;
    return isMessageKey(key) ? t(key) : service;
  };
  return (
    <section className="nl-section" aria-labelledby={headingId}>
      <Heading level={2} data-size="sm" id={headingId}>
        {t('money.receipts.title')}
      </Heading>
      <QueryState query={receipts} loginKind="patient">
        {(list) =>
          list.length === 0 ? (
            <Paragraph>{t('money.receipts.none')}</Paragraph>
          ) : (
            <ul className="nl-plain-list">
              {list.map((r) => (
                <li key={r.id}>
                  <time dateTime={r.paidAt}>{format.date(r.paidAt)}</time>{' '}
                  {t('money.receipts.item', { service: serviceText(r.service), clinic: r.clinicName, amount: money(r.amountOre), how: t(`money.receipts.${r.method}`) })}{' '}
                  {r.refundedOre > 0 && <>{t('money.receipts.refunded', { amount: money(r.refundedOre) })} </>}
                  <Link href={`/api/payments/${encodeURIComponent(r.id)}/receipt.pdf`}>{t('money.receipts.pdf')}</Link>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}
