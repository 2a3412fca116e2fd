// What a visit will cost, said before the patient books or sends: the amount, any exemption and how it is paid. The
// region is always there and polite, so a new price (another person, time or visit type) is read out when it arrives.
import { Paragraph, Spinner } from '@digdir/designsystemet-react';
import { problemText } from '../platform/problem-message.tsx';
import { useT } from '../i18n/index.tsx';
import { usePrice, type PayBy, type PriceQuestion } from './money-api.ts';
import { useMoney } from './money-format.ts';
import { priceSentences } from './price-text.ts';
import './money.css';

export interface PriceNoticeProps extends PriceQuestion {
  /** For a button's aria-describedby. */
  id?: string;
  /** Ways of paying this flow does not carry out itself: their sentence is left out rather than promised. */
  notHere?: PayBy[];
}

export function PriceNotice({ id, notHere = [], ...question }: PriceNoticeProps) {
  const t = useT();
  const price = usePrice(question);
  const money = useMoney(price.data?.currency);
  return (
    <div id={id} className="nl-price-notice" aria-live="polite" aria-busy={price.isPending}>
      {price.isPending ? (
        <Paragraph className="nl-price-notice__busy">
          <Spinner aria-hidden data-size="xs" />
          {t('money.price.loading')}
        </Paragraph>
      ) : price.isError ? (
        <Paragraph className="nl-error-text">{t('money.price.error', { problem: problemText(price.error, t) })}</Paragraph>
      ) : (
        priceSentences(price.data, t, money).slice(0, notHere.includes(price.data.payBy) ? 1 : 2).map((sentence) => <Paragraph key={sentence}>{sentence}</Paragraph>)
      )}
    </div>
  );
}
