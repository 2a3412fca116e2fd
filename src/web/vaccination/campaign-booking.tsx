// One campaign on the patient's page: the vaccine, the clinic, the period and what each group pays; then the group
// (65 and over is decided by age), a day and a time, and "Bestill". The answer says the time and the price.
import { Alert, Button, Fieldset, Heading, Paragraph, Radio } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { useT } from '../i18n/index.tsx';
import { FormStatus } from '../platform/form-status.tsx';
import { useClinicTime } from '../booking/clinic-time.ts';
import { keyKeeper } from '../booking/idempotency.ts';
import { useMoney } from '../money/money-format.ts';
import { SlotPicker } from './slot-picker.tsx';
import { useBookVaccination, type CampaignView, type TargetGroup } from './vaccination-api.ts';

export function CampaignBooking({ campaign, forName }: { campaign: CampaignView; forName: string | null }) {
  const t = useT();
  const money = useMoney();
  const time = useClinicTime(campaign.timeZone);
  const headingId = useId();
  const groupName = useId();
  const [keys] = useState(keyKeeper);
  const [group, setGroup] = useState<TargetGroup | undefined>(campaign.groups.length === 1 ? campaign.groups[0]!.group : undefined);
  const [start, setStart] = useState<string | null>(null);
  const book = useBookVaccination();
  const price = (p: number) => (p === 0 ? t('vaccination.free') : money(p));

  function submit() {
    if (!start || book.isPending) return;
    const request = { campaignId: campaign.id, start, ...(group ? { targetGroup: group } : {}) };
    book.mutate({ request, idempotencyKey: keys.keyFor(request) });
  }

  return (
    <section className="nl-section nl-vaccination-campaign" aria-labelledby={headingId}>
      <Heading level={3} data-size="xs" id={headingId}>
        {campaign.vaccine}
      </Heading>
      <Paragraph>{t('vaccination.where', { clinic: campaign.clinicName, from: time.day(campaign.startsOn), to: time.day(campaign.endsOn, true) })}</Paragraph>
      <ul className="nl-plain-list">
        {campaign.groups.map((g) => (
          <li key={g.group}>{t('vaccination.groupPrice', { group: t(`vaccination.group.${g.group}`), price: price(g.priceOre) })}</li>
        ))}
      </ul>
      {book.isSuccess ? (
        <Alert data-color="success">
          <Paragraph>
            {t('vaccination.booked', { when: time.dayAndTime(book.data.start, true), price: price(book.data.priceOre), group: t(`vaccination.group.${book.data.targetGroup}`) })}
          </Paragraph>
        </Alert>
      ) : (
        <>
          {forName && <Paragraph>{t('vaccination.bookingFor', { name: forName })}</Paragraph>}
          <Fieldset>
            <Fieldset.Legend>{t('vaccination.groupLegend')}</Fieldset.Legend>
            <Fieldset.Description>{t('vaccination.groupHint')}</Fieldset.Description>
            {campaign.groups.map((g) => (
              <Radio key={g.group} name={groupName} value={g.group} label={t(`vaccination.group.${g.group}`)} checked={group === g.group} onChange={() => setGroup(g.group)} />
            ))}
          </Fieldset>
          <SlotPicker campaign={campaign} chosen={start} onChoose={setStart} describedBy={headingId} />
          <div aria-live="polite" className="nl-form__status">
            {start && <Paragraph>{t('vaccination.chosen', { when: time.dayAndTime(start, true) })}</Paragraph>}
          </div>
          <FormStatus error={book.isError ? book.error : null} />
          <div>
            <Button onClick={submit} disabled={!start} loading={book.isPending} aria-describedby={headingId}>
              {t('vaccination.book')}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
