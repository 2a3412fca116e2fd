// Sets one year's co-payment ceiling (egenandelstak) with where it was read; a frikort already granted for that year
// stands. Checked in words before sending, the first problem focused, the success said politely.
import { Textfield } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/index.tsx';
import { useNotice } from '../../platform/notice.tsx';
import { localDate } from '../../../shared/time.ts';
import { useMoney } from '../money-format.ts';
import { useSaveCeiling } from './admin-api.ts';
import { AmountAndSourceFields, FigureForm, focusFirstProblem, useAmountAndSource } from './figure-form.tsx';

/** The server's limits: a year 2000–2199, an amount from 1 øre to 1 000 000 kr. */
const YEARS = { min: 2000, max: 2199 };
const MAX_ORE = 100_000_000;

export function CeilingForm() {
  const t = useT();
  const money = useMoney();
  const save = useSaveCeiling();
  const notice = useNotice();
  // Usually next year's ceiling is what has just been published.
  const [year, setYear] = useState(String(Number(localDate(new Date()).slice(0, 4)) + 1));
  const fields = useAmountAndSource(1, MAX_ORE);
  const [shown, setShown] = useState(false);
  const ids = { year: useId(), ...fields.ids };
  const yearNumber = Number(year.trim());
  const yearValid = /^\d{4}$/.test(year.trim()) && yearNumber >= YEARS.min && yearNumber <= YEARS.max;
  const problems = { year: yearValid ? undefined : t('moneyAdmin.form.yearInvalid', YEARS), ...fields.problems };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    setShown(true);
    const amountOre = fields.amountOre;
    if (focusFirstProblem(['year', 'amount', 'source'], problems, ids) || amountOre === null) return;
    save.mutate(
      { year: yearNumber, amountOre, source: fields.source.trim() },
      {
        onSuccess: () => {
          notice.show(t('moneyAdmin.ceilingForm.saved', { year: yearNumber, amount: money(amountOre) }));
          fields.clear();
          setShown(false);
        },
      },
    );
  }

  return (
    <FigureForm title={t('moneyAdmin.ceilingForm.title')} submitText={t('moneyAdmin.ceilingForm.submit')} onSubmit={submit} save={save} notice={notice}>
      <Textfield id={ids.year} inputMode="numeric" autoComplete="off" label={t('moneyAdmin.ceilings.year')} value={year} onChange={(e) => setYear(e.target.value)} error={shown ? problems.year : undefined} />
      <AmountAndSourceFields fields={fields} shown={shown} />
    </FigureForm>
  );
}
