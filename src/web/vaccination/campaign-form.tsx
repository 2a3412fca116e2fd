// "Ny vaksinekampanje" for the clinic admin: vaccine, period, daily hours, minutes per time, people per time, and which
// groups it is for with the price each pays (0 kr: free). Checked in words before sending; the server checks again.
import { Alert, Checkbox, Fieldset, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useT } from '../i18n/index.tsx';
import { useNotice } from '../platform/notice.tsx';
import { FigureForm } from '../money/admin/figure-form.tsx';
import { parseKroner } from '../money/admin/kroner-input.ts';
import { localDate } from '../../shared/time.ts';
import { useCreateCampaign, type TargetGroup } from './vaccination-api.ts';

const GROUPS: TargetGroup[] = ['65-plus', 'risk-group', 'health-personnel', 'others'];

export function CampaignForm() {
  const t = useT();
  const create = useCreateCampaign();
  const notice = useNotice();
  const today = localDate(new Date());
  const [f, setF] = useState({ vaccine: '', startsOn: today, endsOn: today, dayStart: '08:00', dayEnd: '15:00', slotMinutes: '10', capacity: '6' });
  const [prices, setPrices] = useState<Partial<Record<TargetGroup, string>>>({ '65-plus': '0', 'risk-group': '0' });
  const [shown, setShown] = useState(false);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const int = (s: string) => (/^\d{1,3}$/.test(s.trim()) ? Number(s) : null);
  const chosen = GROUPS.filter((g) => prices[g] !== undefined);
  const problems = {
    vaccine: f.vaccine.trim().length < 2 ? t('vaccination.form.vaccineMissing') : undefined,
    period: f.endsOn < f.startsOn ? t('vaccination.form.periodWrong') : undefined,
    hours: f.dayEnd <= f.dayStart ? t('vaccination.form.hoursWrong') : undefined,
    slotMinutes: (int(f.slotMinutes) ?? 0) < 5 || (int(f.slotMinutes) ?? 0) > 60 ? t('vaccination.form.slotWrong') : undefined,
    capacity: (int(f.capacity) ?? 0) < 1 || (int(f.capacity) ?? 0) > 200 ? t('vaccination.form.capacityWrong') : undefined,
    groups: chosen.length === 0 ? t('vaccination.form.groupsMissing') : chosen.some((g) => parseKroner(prices[g]!) === null) ? t('vaccination.form.priceWrong') : undefined,
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    setShown(true);
    if (Object.values(problems).some(Boolean)) return;
    create.mutate(
      {
        vaccine: f.vaccine.trim(),
        startsOn: f.startsOn,
        endsOn: f.endsOn,
        dayStart: f.dayStart,
        dayEnd: f.dayEnd,
        slotMinutes: int(f.slotMinutes)!,
        capacityPerSlot: int(f.capacity)!,
        groups: chosen.map((g) => ({ group: g, priceOre: parseKroner(prices[g]!)! })),
      },
      { onSuccess: (c) => notice.show(t('vaccination.form.saved', { vaccine: c.vaccine })) },
    );
  }

  const show = (p: string | undefined) => (shown ? p : undefined);
  return (
    <FigureForm title={t('vaccination.form.title')} hint={t('vaccination.form.hint')} submitText={t('vaccination.form.submit')} onSubmit={submit} save={create} notice={notice}>
      <Textfield label={t('vaccination.form.vaccine')} value={f.vaccine} onChange={set('vaccine')} error={show(problems.vaccine)} autoComplete="off" />
      <Textfield type="date" label={t('vaccination.form.startsOn')} value={f.startsOn} onChange={set('startsOn')} />
      <Textfield type="date" label={t('vaccination.form.endsOn')} value={f.endsOn} onChange={set('endsOn')} error={show(problems.period)} />
      <Textfield type="time" label={t('vaccination.form.dayStart')} value={f.dayStart} onChange={set('dayStart')} />
      <Textfield type="time" label={t('vaccination.form.dayEnd')} value={f.dayEnd} onChange={set('dayEnd')} error={show(problems.hours)} />
      <Textfield inputMode="numeric" label={t('vaccination.form.slotMinutes')} value={f.slotMinutes} onChange={set('slotMinutes')} error={show(problems.slotMinutes)} />
      <Textfield inputMode="numeric" label={t('vaccination.form.capacity')} description={t('vaccination.form.capacityHint')} value={f.capacity} onChange={set('capacity')} error={show(problems.capacity)} />
      <Fieldset>
        <Fieldset.Legend>{t('vaccination.form.groups')}</Fieldset.Legend>
        {GROUPS.map((g) => (
          <div key={g} className="nl-vaccination-group">
            <Checkbox
              label={t(`vaccination.group.${g}`)}
              checked={prices[g] !== undefined}
              onChange={(e) => setPrices((p) => {
                const next = { ...p };
                if (e.target.checked) next[g] = '0';
                else delete next[g];
                return next;
              })}
            />
            {prices[g] !== undefined && (
              <Textfield inputMode="decimal" label={t('vaccination.form.price', { group: t(`vaccination.group.${g}`) })} value={prices[g]} onChange={(e) => setPrices((p) => ({ ...p, [g]: e.target.value }))} />
            )}
          </div>
        ))}
      </Fieldset>
      {shown && problems.groups && (
        <Alert data-color="danger">
          <Paragraph>{problems.groups}</Paragraph>
        </Alert>
      )}
    </FigureForm>
  );
}
