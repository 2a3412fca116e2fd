// "/ansatt/e-konsultasjon": the clinic's e-consultations waiting for a clinician, live, earliest deadline first; overdue
// and near-due cases stand out by a worded tag and a border; filters by reason and "mine" work on the live list.
import { Checkbox, Field, Label, Paragraph, Select, Tag } from '@digdir/designsystemet-react';
import { useEffect, useId, useState } from 'react';
import { useClinicTimeZone } from '../booking/clinics-query.ts';
import { useClinicTime, type ClinicTime } from '../booking/clinic-time.ts';
import { displayName } from '../identity/display-name.ts';
import { AppLink } from '../platform/app-link.tsx';
import { LiveNotice } from '../platform/live-notice.tsx';
import { QueryState } from '../platform/query-state.tsx';
import { Section } from '../platform/section.tsx';
import { StaffPage } from '../staff/staff-page.tsx';
import type { StaffHome } from '../staff/types.ts';
import { useFormat } from '../i18n/format.ts';
import { useT } from '../i18n/index.tsx';
import { filteredQueue, reasonsInQueue, urgencyAt, type QueueFilter } from './queue.ts';
import { useReasonTitles } from './reason-titles.ts';
import { useLiveQueue } from './staff-api.ts';
import type { QueueItem, QueueView } from './types.ts';
import './econsult.css';

export function StaffEconsultQueuePage() {
  const t = useT();
  return (
    <StaffPage title={t('staffEconsult.title')}>
      {(home) => (home.roles.includes('clinician') ? <Queue home={home} /> : <Paragraph>{t('staffEconsult.onlyClinicians')}</Paragraph>)}
    </StaffPage>
  );
}

function Queue({ home }: { home: StaffHome }) {
  const t = useT();
  const { queue, live } = useLiveQueue(true);
  const [filter, setFilter] = useState<QueueFilter>({ reasonId: '', mine: false });
  return (
    <>
      <Paragraph>{t('staffEconsult.intro', { clinic: home.clinic.name })}</Paragraph>
      <LiveNotice status={live} />
      <QueryState query={queue} loginKind="staff">
        {(data) => <QueueList view={data} clinicId={home.clinic.id} filter={filter} onFilter={setFilter} />}
      </QueryState>
    </>
  );
}

interface QueueListProps {
  view: QueueView;
  clinicId: string;
  filter: QueueFilter;
  onFilter: (filter: QueueFilter) => void;
}

function QueueList({ view, clinicId, filter, onFilter }: QueueListProps) {
  const t = useT();
  const reasonIds = reasonsInQueue(view.items);
  const titleOf = useReasonTitles();
  const now = useNow(30_000);
  const shown = filteredQueue(view.items, filter);
  const selectId = useId();
  const time = useClinicTime(useClinicTimeZone(clinicId));
  const count = shown.length;
  return (
    <Section title={t('staffEconsult.queue')}>
      <div className="nl-filters">
        <Field>
          <Label htmlFor={selectId}>{t('staffEconsult.filter.reason')}</Label>
          <Select id={selectId} value={filter.reasonId} onChange={(event) => onFilter({ ...filter, reasonId: event.target.value })}>
            <Select.Option value="">{t('staffEconsult.filter.allReasons')}</Select.Option>
            {[...new Set([...reasonIds, ...(filter.reasonId ? [filter.reasonId] : [])])].map((id) => (
              <Select.Option key={id} value={id}>
                {titleOf(id)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Checkbox label={t('staffEconsult.filter.mine')} checked={filter.mine} onChange={(event) => onFilter({ ...filter, mine: event.target.checked })} />
      </div>
      {/* The count is what changes for a listener; the list itself is not read out on every change. */}
      <Paragraph aria-live="polite">{count === 0 ? t('staffEconsult.empty') : t(count === 1 ? 'staffEconsult.count.one' : 'staffEconsult.count.other', { count })}</Paragraph>
      {count > 0 && (
        <ol className="nl-econsult-queue">
          {shown.map((item) => (
            <QueueRow key={item.id} item={item} title={titleOf(item.reasonId)} time={time} now={now} />
          ))}
        </ol>
      )}
    </Section>
  );
}

function QueueRow({ item, title, time, now }: { item: QueueItem; title: string; time: ClinicTime; now: number }) {
  const t = useT();
  const format = useFormat();
  const urgency = urgencyAt(item.dueAt, now);
  const holder = item.mine ? t('staffEconsult.holder.mine') : item.claimedBy ? t('staffEconsult.holder.other', { name: displayName(item.claimedBy.name, t) }) : t('staffEconsult.holder.none');
  return (
    <li data-urgency={urgency}>
      <span className="nl-econsult-queue__title">
        <AppLink to={`/ansatt/e-konsultasjon/${encodeURIComponent(item.id)}`}>{t('staffEconsult.rowLink', { reason: title, age: format.age(item.patientAge) })}</AppLink>
      </span>
      <span className="nl-tags">
        {urgency !== 'in-time' && (
          <Tag data-color={urgency === 'overdue' ? 'danger' : 'warning'} data-size="sm">
            {t(`staffEconsult.urgency.${urgency}`)}
          </Tag>
        )}
        <Tag data-color={item.status === 'waiting_for_patient' ? 'warning' : 'info'} data-size="sm">
          {item.status === 'waiting_for_patient' ? t('staffEconsult.status.waiting_for_patient') : holder}
        </Tag>
        {item.flagCount > 0 && (
          <Tag data-color="danger" data-size="sm">
            {t(item.flagCount === 1 ? 'staffEconsult.flags.one' : 'staffEconsult.flags.other', { count: item.flagCount })}
          </Tag>
        )}
        {item.photoCount > 0 && (
          <Tag data-color="neutral" data-size="sm">
            {t(item.photoCount === 1 ? 'staffEconsult.photos.one' : 'staffEconsult.photos.other', { count: item.photoCount })}
          </Tag>
        )}
      </span>
      <span className="nl-muted">
        {t('staffEconsult.due', { time: time.dayAndTime(item.dueAt) })} · {t('staffEconsult.received', { time: time.dayAndTime(item.submittedAt) })}
        {item.status === 'waiting_for_patient' && ` · ${holder}`}
      </span>
    </li>
  );
}

/** The current time, renewed every `ms`, so a case turns near-due or overdue between the server's updates. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
