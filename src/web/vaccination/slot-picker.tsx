// A campaign's day and its free times: a date field (within the campaign) and a button per time that has room left,
// each saying how many places are left. Times in the clinic's zone whatever the browser's.
import { Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useT } from '../i18n/index.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { useClinicTime } from '../booking/clinic-time.ts';
import { localDate } from '../../shared/time.ts';
import { useSlots, type CampaignView } from './vaccination-api.ts';

export function SlotPicker({ campaign, chosen, onChoose, describedBy }: { campaign: CampaignView; chosen: string | null; onChoose: (start: string) => void; describedBy?: string }) {
  const t = useT();
  const time = useClinicTime(campaign.timeZone);
  const today = localDate(new Date(), campaign.timeZone);
  const first = campaign.startsOn > today ? campaign.startsOn : today;
  const [date, setDate] = useState(first);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date) && date >= first && date <= campaign.endsOn;
  const slots = useSlots(campaign.id, valid ? date : null);
  return (
    <div className="nl-vaccination-slots">
      <Textfield
        type="date"
        label={t('vaccination.date')}
        description={t('vaccination.dateHint', { from: time.day(first, true), to: time.day(campaign.endsOn, true) })}
        min={first}
        max={campaign.endsOn}
        value={date}
        onChange={(e) => setDate(e.target.value)}
        error={date && !valid ? t('vaccination.dateOutside') : undefined}
      />
      {valid && (
        <QueryState query={slots} loginKind="patient">
          {(list) => {
            const open = list.filter((s) => s.free > 0);
            if (open.length === 0) return <Paragraph>{t('vaccination.noTimes', { day: time.day(date) })}</Paragraph>;
            return (
              <ul className="nl-plain-list nl-slot-list" aria-label={t('vaccination.timesOn', { day: time.day(date) })}>
                {open.map((s) => (
                  <li key={s.start}>
                    <Button variant={chosen === s.start ? 'primary' : 'secondary'} data-size="sm" aria-pressed={chosen === s.start} aria-describedby={describedBy} onClick={() => onChoose(s.start)}>
                      {t('vaccination.slot', { time: time.time(s.start), free: s.free })}
                    </Button>
                  </li>
                ))}
              </ul>
            );
          }}
        </QueryState>
      )}
    </div>
  );
}
