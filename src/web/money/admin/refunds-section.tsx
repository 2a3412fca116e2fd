// "Kortbetalinger og refusjon": the clinic's card payments in a period, what has been given back of each, and a refund
// of part or all of one with a reason (the amount left is offered; more is refused by the server too).
import { Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { useFormat } from '../../i18n/format.ts';
import { useT } from '../../i18n/index.tsx';
import { displayName } from '../../identity/display-name.ts';
import { FormStatus } from '../../platform/form-status.tsx';
import { QueryState } from '../../platform/query-state.tsx';
import { localDate } from '../../../shared/time.ts';
import { useMoney } from '../money-format.ts';
import { useClinicPayments, useRefund, type AdminPayment } from './admin-api.ts';
import { parseKroner } from './kroner-input.ts';
import { mutateThen } from '../../platform/mutate-then.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function RefundsSection() {
  const t = useT();
  const today = localDate(new Date());
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const headingId = useId();
  const payments = useClinicPayments(from, to, DATE.test(from) && DATE.test(to) && from <= to);
  return (
    <section className="nl-section" aria-labelledby={headingId}>
      <Heading level={2} data-size="sm" id={headingId}>
        {t('moneyAdmin.refunds.title')}
      </Heading>
      <div className="nl-form nl-settlement-period">
        <Textfield type="date" label={t('moneyAdmin.refunds.from')} value={from} onChange={(e) => setFrom(e.target.value)} />
        <Textfield type="date" label={t('moneyAdmin.refunds.to')} value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <QueryState query={payments} loginKind="staff">
        {(list) =>
          list.length === 0 ? (
            <Paragraph>{t('moneyAdmin.refunds.none')}</Paragraph>
          ) : (
            <ul className="nl-plain-list">
              {list.map((p) => (
                <PaymentItem key={p.id} payment={p} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

function PaymentItem({ payment }: { payment: AdminPayment }) {
  const t = useT();
  const format = useFormat();
  const money = useMoney();
  const [open, setOpen] = useState(false);
  const headingId = useId();
  const left = payment.amountOre - payment.refundedOre;
  return (
    <li className="nl-section">
      <Heading level={3} data-size="xs" id={headingId}>
        {t('moneyAdmin.refunds.payment', { date: format.date(payment.paidAt), name: displayName(payment.patientName, t), amount: money(payment.amountOre) })}
      </Heading>
      {payment.refunds.map((r) => (
        <Paragraph key={r.id}>{t(`moneyAdmin.refunds.status.${r.status}`, { amount: money(r.amountOre), reason: r.reason })}</Paragraph>
      ))}
      {left > 0 && !open && (
        <Button variant="secondary" aria-describedby={headingId} onClick={() => setOpen(true)}>
          {t('moneyAdmin.refunds.open')}
        </Button>
      )}
      {left > 0 && open && <RefundForm payment={payment} left={left} onDone={() => setOpen(false)} />}
    </li>
  );
}

function RefundForm({ payment, left, onDone }: { payment: AdminPayment; left: number; onDone: () => void }) {
  const t = useT();
  const money = useMoney();
  const refund = useRefund();
  const [amount, setAmount] = useState((left / 100).toFixed(2).replace('.', ','));
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState(false);
  const ore = parseKroner(amount);
  const problems = {
    amount: ore === null || ore <= 0 ? t('moneyAdmin.refunds.amountInvalid') : ore > left ? t('moneyAdmin.refunds.amountTooMuch', { left: money(left) }) : undefined,
    reason: reason.trim() === '' ? t('moneyAdmin.refunds.reasonMissing') : undefined,
  };
  const ids = { amount: useId(), reason: useId() };

  function submit(event: FormEvent) {
    event.preventDefault();
    setShown(true);
    const first = (['amount', 'reason'] as const).find((k) => problems[k]);
    if (first) {
      document.getElementById(ids[first])?.focus();
      return;
    }
    mutateThen(refund, { paymentId: payment.id, amountOre: ore!, reason: reason.trim() }, onDone);
  }

  return (
    <form className="nl-form" noValidate onSubmit={submit}>
      <Textfield id={ids.amount} label={t('moneyAdmin.refunds.amount', { left: money(left) })} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} error={shown ? problems.amount : undefined} />
      <Textfield id={ids.reason} label={t('moneyAdmin.refunds.reason')} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} error={shown ? problems.reason : undefined} />
      <FormStatus error={refund.isError ? refund.error : null} />
      <div className="nl-actions">
        <Button type="submit" loading={refund.isPending}>
          {t('moneyAdmin.refunds.submit')}
        </Button>
        <Button variant="tertiary" type="button" onClick={onDone}>
          {t('moneyAdmin.refunds.cancel')}
        </Button>
      </div>
    </form>
  );
}
