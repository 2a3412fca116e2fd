// "Dine vaksinetimer": the vaccine times of the patient and the children they act for — when, where, for whom, the
// price — moved or cancelled while they have not begun, and "Vaksinert" once reception has marked it given.
import { Button, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { useT } from '../i18n/index.tsx';
import { useFormat } from '../i18n/format.ts';
import { displayName } from '../identity/display-name.ts';
import { FormStatus } from '../platform/form-status.tsx';
import { Notice, useNotice } from '../platform/notice.tsx';
import { mutateThen } from '../platform/mutate-then.ts';
import { QueryState } from '../platform/query-state.tsx';
import { Section } from '../platform/section.tsx';
import { useClinicTime } from '../booking/clinic-time.ts';
import { SlotPicker } from './slot-picker.tsx';
import { useCampaigns, useCancelVaccination, useMoveVaccination, useMyVaccinations, type VaccinationBooking } from './vaccination-api.ts';

export function MyVaccinations() {
  const t = useT();
  const mine = useMyVaccinations();
  const notice = useNotice();
  return (
    <Section title={t('vaccination.mine')}>
      <Notice notice={notice} />
      <QueryState query={mine} loginKind="patient">
        {(list) =>
          list.length === 0 ? (
            <Paragraph>{t('vaccination.noneBooked')}</Paragraph>
          ) : (
            <ul className="nl-plain-list nl-vaccination-list">
              {list.map((b) => (
                <Booking key={b.id} booking={b} onDone={notice.show} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </Section>
  );
}

function Booking({ booking, onDone }: { booking: VaccinationBooking; onDone: (text: string) => void }) {
  const t = useT();
  const format = useFormat();
  const time = useClinicTime('Europe/Oslo');
  const headingId = useId();
  const [mode, setMode] = useState<'idle' | 'move' | 'cancel'>('idle');
  const [to, setTo] = useState<string | null>(null);
  const campaigns = useCampaigns();
  const campaign = campaigns.data?.find((c) => c.id === booking.campaignId);
  const move = useMoveVaccination();
  const cancel = useCancelVaccination();
  const when = time.dayAndTime(booking.start, true);
  return (
    <li className="nl-card">
      <Paragraph id={headingId}>
        <strong>{t('vaccination.item', { vaccine: booking.vaccine, when })}</strong>
      </Paragraph>
      <Paragraph>{t('vaccination.itemFacts', { name: displayName(booking.patientName, t), clinic: booking.clinicName, group: t(`vaccination.group.${booking.targetGroup}`) })}</Paragraph>
      {booking.status === 'given' && <Tag data-color="success">{t('vaccination.given', { date: format.date(booking.givenAt!) })}</Tag>}
      {booking.mayChange && mode === 'idle' && (
        <div className="nl-actions">
          <Button variant="secondary" aria-describedby={headingId} onClick={() => setMode('move')}>
            {t('vaccination.move')}
          </Button>
          <Button variant="secondary" data-color="danger" aria-describedby={headingId} onClick={() => setMode('cancel')}>
            {t('vaccination.cancel')}
          </Button>
        </div>
      )}
      {mode === 'move' && campaign && (
        <div className="nl-appointment__panel" role="group" aria-label={t('vaccination.moveTitle')}>
          <SlotPicker campaign={campaign} chosen={to} onChoose={setTo} describedBy={headingId} />
          <FormStatus error={move.isError ? move.error : null} />
          <div className="nl-actions">
            <Button disabled={!to} loading={move.isPending} onClick={() => to && mutateThen(move, { id: booking.id, start: to }, (moved) => onDone(t('vaccination.moved', { when: time.dayAndTime(moved.start, true) })))}>
              {t('vaccination.moveTo')}
            </Button>
            <Button variant="secondary" onClick={() => setMode('idle')}>
              {t('vaccination.keep')}
            </Button>
          </div>
        </div>
      )}
      {mode === 'cancel' && (
        <div className="nl-appointment__panel" role="group" aria-label={t('vaccination.cancelTitle')}>
          <Paragraph>{t('vaccination.cancelQuestion', { when })}</Paragraph>
          <FormStatus error={cancel.isError ? cancel.error : null} />
          <div className="nl-actions">
            <Button data-color="danger" loading={cancel.isPending} onClick={() => mutateThen(cancel, booking.id, () => onDone(t('vaccination.cancelled', { when })))}>
              {t('vaccination.cancelYes')}
            </Button>
            <Button variant="secondary" onClick={() => setMode('idle')}>
              {t('vaccination.keep')}
            </Button>
          </div>
        </div>
      )}
    </li>
  );
}
