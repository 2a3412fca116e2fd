// Adds a figure to the co-payment tariff, or corrects the one with the same date, service and time of day: checked in
// words before it is sent (the first problem takes the focus), the server's refusal shown, the success said politely.
import { Field, Fieldset, Label, Radio, Select, Textfield } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { useFormat } from '../../i18n/format.ts';
import { useT } from '../../i18n/index.tsx';
import { useNotice } from '../../platform/notice.tsx';
import { useMoney } from '../money-format.ts';
import { SERVICES, TIMES, useSaveTariffRow, type CopayService, type TimeOfDay } from './admin-api.ts';
import { AmountAndSourceFields, FigureForm, focusFirstProblem, useAmountAndSource } from './figure-form.tsx';

/** The server's limit for one figure: 100 000 kr. */
const MAX_ORE = 10_000_000;

export function TariffForm() {
  const t = useT();
  const format = useFormat();
  const money = useMoney();
  const save = useSaveTariffRow();
  const notice = useNotice();
  const [validFrom, setValidFrom] = useState('');
  const [service, setService] = useState<CopayService>('gp-consultation');
  const [timeOfDay, setTimeOfDay] = useState<TimeOfDay>('day');
  const fields = useAmountAndSource(0, MAX_ORE);
  const [shown, setShown] = useState(false);
  const timeName = useId();
  const ids = { validFrom: useId(), service: useId(), ...fields.ids };
  const problems = { validFrom: /^\d{4}-\d{2}-\d{2}$/.test(validFrom) ? undefined : t('moneyAdmin.form.dateMissing'), ...fields.problems };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    setShown(true);
    const amountOre = fields.amountOre;
    if (focusFirstProblem(['validFrom', 'amount', 'source'], problems, ids) || amountOre === null) return;
    save.mutate(
      { validFrom, service, timeOfDay, amountOre, source: fields.source.trim() },
      {
        onSuccess: () => {
          notice.show(t('moneyAdmin.tariffForm.saved', { service: t(`money.service.${service}`), timeOfDay: t(`moneyAdmin.time.${timeOfDay}`), amount: money(amountOre), date: format.date(validFrom) }));
          fields.clear();
          setShown(false);
        },
      },
    );
  }

  return (
    <FigureForm title={t('moneyAdmin.tariffForm.title')} hint={t('moneyAdmin.tariffForm.hint')} submitText={t('moneyAdmin.tariffForm.submit')} onSubmit={submit} save={save} notice={notice}>
      <Textfield id={ids.validFrom} type="date" label={t('moneyAdmin.tariffForm.validFrom')} value={validFrom} onChange={(e) => setValidFrom(e.target.value)} error={shown ? problems.validFrom : undefined} />
      <Field>
        <Label htmlFor={ids.service}>{t('moneyAdmin.tariff.service')}</Label>
        <Select id={ids.service} value={service} onChange={(e) => setService(e.target.value as CopayService)}>
          {SERVICES.map((s) => (
            <Select.Option key={s} value={s}>
              {t(`money.service.${s}`)}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <Fieldset>
        <Fieldset.Legend>{t('moneyAdmin.tariff.timeOfDay')}</Fieldset.Legend>
        {TIMES.map((time) => (
          <Radio key={time} name={timeName} value={time} label={t(`moneyAdmin.time.${time}`)} checked={timeOfDay === time} onChange={() => setTimeOfDay(time)} />
        ))}
      </Fieldset>
      <AmountAndSourceFields fields={fields} shown={shown} />
    </FigureForm>
  );
}
