// What both co-payment forms share: the amount in kroner and its source (with their checks), and the frame around the
// fields: heading, the server's refusal, the submit button and the polite notice of success.
import { Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useT } from '../../i18n/index.tsx';
import { FormStatus } from '../../platform/form-status.tsx';
import { Notice, type useNotice } from '../../platform/notice.tsx';
import { useMoney } from '../money-format.ts';
import { amountProblem, sourceProblem } from './figure-checks.ts';
import { parseKroner } from './kroner-input.ts';

/** The amount and source fields' state, ids (to focus the first problem) and problems, for amounts in [minOre, maxOre]. */
export function useAmountAndSource(minOre: number, maxOre: number) {
  const t = useT();
  const money = useMoney();
  const [amount, setAmount] = useState('');
  const [source, setSource] = useState('');
  const ids = { amount: useId(), source: useId() };
  return {
    amount,
    setAmount,
    source,
    setSource,
    ids,
    problems: { amount: amountProblem(amount, minOre, maxOre, t, money), source: sourceProblem(source, t) },
    amountOre: parseKroner(amount),
    clear: () => {
      setAmount('');
      setSource('');
    },
  };
}

export function AmountAndSourceFields({ fields, shown }: { fields: ReturnType<typeof useAmountAndSource>; shown: boolean }) {
  const t = useT();
  const { ids, problems } = fields;
  return (
    <>
      <Textfield id={ids.amount} inputMode="decimal" autoComplete="off" label={t('moneyAdmin.form.amount')} description={t('moneyAdmin.form.amountHint')} value={fields.amount} onChange={(e) => fields.setAmount(e.target.value)} error={shown ? problems.amount : undefined} />
      <Textfield id={ids.source} autoComplete="off" label={t('moneyAdmin.form.source')} description={t('moneyAdmin.form.sourceHint')} value={fields.source} onChange={(e) => fields.setSource(e.target.value)} error={shown ? problems.source : undefined} />
    </>
  );
}

interface FigureFormProps {
  title: string;
  hint?: string;
  submitText: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  save: { isPending: boolean; isError: boolean; error: unknown };
  notice: ReturnType<typeof useNotice>;
  children: ReactNode;
}

export function FigureForm({ title, hint, submitText, onSubmit, save, notice, children }: FigureFormProps) {
  const headingId = useId();
  return (
    <section className="nl-section" aria-labelledby={headingId}>
      <Heading level={3} data-size="xs" id={headingId}>
        {title}
      </Heading>
      {hint && <Paragraph>{hint}</Paragraph>}
      <form className="nl-form" noValidate onSubmit={onSubmit} aria-labelledby={headingId}>
        {children}
        <FormStatus error={save.isError ? save.error : null} />
        <div>
          <Button type="submit" loading={save.isPending}>
            {submitText}
          </Button>
        </div>
        <Notice notice={notice} />
      </form>
    </section>
  );
}

/** Focuses the first field (in the given order) that has a problem; says whether there was one. */
export function focusFirstProblem<K extends string>(order: readonly K[], problems: Readonly<Record<K, string | undefined>>, ids: Readonly<Record<K, string>>): boolean {
  const first = order.find((k) => problems[k]);
  if (first) document.getElementById(ids[first])?.focus();
  return first !== undefined;
}
