// "Priser": a private clinic's own prices (a visit at the office or by video, by phone, an e-consultation) and its
// options (children under 18 free, visits billed to insurers). A public clinic is told its prices follow the tariff.
import { Button, Checkbox, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/index.tsx';
import { FormStatus } from '../../platform/form-status.tsx';
import { Notice, useNotice } from '../../platform/notice.tsx';
import { QueryState } from '../../platform/query-state.tsx';
import { useClinicPrices, useSaveClinicPrices, type ClinicPrices } from './admin-api.ts';
import { amountProblem } from './figure-checks.ts';
import { focusFirstProblem } from './figure-form.tsx';
import { parseKroner } from './kroner-input.ts';
import { useMoney } from '../money-format.ts';

const MAX_ORE = 10_000_000;
const asKroner = (ore: number | null) => (ore === null ? '' : (ore / 100).toFixed(2).replace('.', ','));

export function ClinicPricesSection() {
  const t = useT();
  const prices = useClinicPrices();
  const headingId = useId();
  return (
    <section className="nl-section" aria-labelledby={headingId}>
      <Heading level={2} data-size="sm" id={headingId}>
        {t('moneyAdmin.prices.title')}
      </Heading>
      <QueryState query={prices} loginKind="staff">
        {(p) => (p.kind === 'private' ? <PricesForm prices={p} /> : <Paragraph>{t('moneyAdmin.prices.public')}</Paragraph>)}
      </QueryState>
    </section>
  );
}

function PricesForm({ prices }: { prices: ClinicPrices }) {
  const t = useT();
  const money = useMoney();
  const save = useSaveClinicPrices();
  const notice = useNotice();
  const [visit, setVisit] = useState(asKroner(prices.visitPriceOre));
  const [phone, setPhone] = useState(asKroner(prices.phonePriceOre));
  const [econsult, setEconsult] = useState(asKroner(prices.econsultPriceOre));
  const [childrenFree, setChildrenFree] = useState(prices.childrenFree);
  const [insurance, setInsurance] = useState(prices.acceptsInsurance);
  const [shown, setShown] = useState(false);
  const ids = { visit: useId(), phone: useId(), econsult: useId() };
  // An empty visit or phone price means the clinic does not offer it at a price; the e-consultation always has one.
  const optional = (text: string) => (text.trim() === '' ? undefined : amountProblem(text, 0, MAX_ORE, t, money));
  const problems = { visit: optional(visit), phone: optional(phone), econsult: amountProblem(econsult, 0, MAX_ORE, t, money) };

  function submit(event: FormEvent) {
    event.preventDefault();
    setShown(true);
    if (focusFirstProblem(['visit', 'phone', 'econsult'], problems, ids)) return;
    const ore = (text: string) => (text.trim() === '' ? null : parseKroner(text));
    save.mutate(
      { visitPriceOre: ore(visit), phonePriceOre: ore(phone), econsultPriceOre: parseKroner(econsult)!, childrenFree, acceptsInsurance: insurance },
      { onSuccess: () => notice.show(t('moneyAdmin.prices.saved')) },
    );
  }

  return (
    <form className="nl-form" noValidate onSubmit={submit}>
      <Paragraph>{t('moneyAdmin.prices.intro')}</Paragraph>
      <Textfield id={ids.visit} inputMode="decimal" label={t('moneyAdmin.prices.visit')} description={t('moneyAdmin.prices.visitHint')} value={visit} onChange={(e) => setVisit(e.target.value)} error={shown ? problems.visit : undefined} />
      <Textfield id={ids.phone} inputMode="decimal" label={t('moneyAdmin.prices.phone')} value={phone} onChange={(e) => setPhone(e.target.value)} error={shown ? problems.phone : undefined} />
      <Textfield id={ids.econsult} inputMode="decimal" label={t('moneyAdmin.prices.econsult')} value={econsult} onChange={(e) => setEconsult(e.target.value)} error={shown ? problems.econsult : undefined} />
      <Checkbox label={t('moneyAdmin.prices.childrenFree')} checked={childrenFree} onChange={(e) => setChildrenFree(e.target.checked)} />
      <Checkbox label={t('moneyAdmin.prices.insurance')} checked={insurance} onChange={(e) => setInsurance(e.target.checked)} />
      <FormStatus error={save.isError ? save.error : null} />
      <Notice notice={notice} />
      <div>
        <Button type="submit" loading={save.isPending}>
          {t('moneyAdmin.prices.submit')}
        </Button>
      </div>
    </form>
  );
}
