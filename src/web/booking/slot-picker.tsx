// One week of free times: a heading per day, each time a real button named with day, time and clinician; previous / next week.
import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Loading } from '../platform/loading.tsx';
import { ProblemMessage } from '../platform/problem-message.tsx';
import { useLanguage, useT } from '../i18n/index.tsx';
import { LOCALES } from '../i18n/languages.ts';
import { useAvailability } from './booking-api.ts';
import { useClinicTime } from './clinic-time.ts';
import { firstClinicianPerTime, slotsByDay } from './slots.ts';
import type { Slot, VisitType } from './types.ts';
import { dateInZone, weekFrom } from './zoned-time.ts';

// Half a year ahead is as far as anyone books a GP; the API takes at most 62 days per request, one week is asked at a time.
const LAST_WEEK = 26;

type Level = 2 | 3 | 4;

export interface SlotPickerProps {
  clinicId: string;
  timeZone: string;
  visitType: VisitType;
  /** Without a clinician: every clinician's times, one per time ("Første ledige"). */
  practitionerId?: string | undefined;
  practitionerName: (id: string) => string;
  week: number;
  onWeekChange: (week: number) => void;
  onPick: (slot: Slot) => void;
  title: string;
  level: Level;
  /** Move focus to the title when shown (coming back from a later step). */
  focusTitle?: boolean;
  loginKind: 'patient' | 'staff';
}

export function SlotPicker(props: SlotPickerProps) {
  const { clinicId, timeZone, visitType, practitionerId, week, onWeekChange, title, level } = props;
  const t = useT();
  const { language } = useLanguage();
  const time = useClinicTime(timeZone);
  const [today] = useState(() => dateInZone(new Date(), timeZone));
  const range = useMemo(() => weekFrom(today, week, timeZone), [today, week, timeZone]);
  const availability = useAvailability({ clinicId, practitionerId, visitType, from: range.from, to: range.to });
  const titleRef = useRef<HTMLHeadingElement>(null);
  const previousRef = useRef<HTMLButtonElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);

  const titleId = useId();
  const focusTitle = useRef(props.focusTitle);

  useEffect(() => {
    // Only when the picker appears, not on every week.
    if (focusTitle.current) titleRef.current?.focus();
  }, []);

  const short = new Intl.DateTimeFormat(LOCALES[language], { day: 'numeric', month: 'long', timeZone: 'UTC' });
  const calendarDay = (date: string) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return short.format(Date.UTC(y, m - 1, d, 12));
  };
  const weekLabel = t('booking.weekRange', { from: calendarDay(range.days[0]!), to: calendarDay(range.days[6]!) });

  function go(to: number) {
    onWeekChange(to);
    // A disabled button loses focus; hand it to the other one so the keyboard user stays in the calendar.
    if (to === 0) nextRef.current?.focus();
    if (to === LAST_WEEK) previousRef.current?.focus();
  }

  const data = availability.data;
  const slots = data ? (practitionerId ? data.slots : firstClinicianPerTime(data.slots)) : [];
  const days = slotsByDay(slots, timeZone);

  return (
    <section className="nl-section" aria-labelledby={titleId}>
      <Heading level={level} data-size={level === 2 ? 'sm' : 'xs'} ref={titleRef} tabIndex={-1} id={titleId}>
        {title}
      </Heading>
      <Paragraph className="nl-week-nav__range" aria-live="polite">
        {weekLabel}
      </Paragraph>
      <div className="nl-week-nav">
        <Button ref={previousRef} variant="secondary" data-size="sm" disabled={week === 0} onClick={() => go(week - 1)}>
          {t('booking.previousWeek')}
        </Button>
        <Button ref={nextRef} variant="secondary" data-size="sm" disabled={week >= LAST_WEEK} onClick={() => go(week + 1)}>
          {t('booking.nextWeek')}
        </Button>
      </div>
      {availability.isPending ? (
        <Loading />
      ) : availability.isError ? (
        <ProblemMessage error={availability.error} loginKind={props.loginKind} />
      ) : days.length === 0 ? (
        <Paragraph role="status">{availability.isPlaceholderData ? t('common.loading') : t('booking.noSlotsThisWeek')}</Paragraph>
      ) : (
        <ul className="nl-slot-days" aria-busy={availability.isPlaceholderData}>
          {days.map((day) => (
            <li key={day.date} className="nl-slot-day">
              <Heading level={(level + 1) as 3 | 4 | 5} data-size="2xs">
                {time.capitalise(time.day(day.date))}
              </Heading>
              <ul className="nl-slot-times">
                {day.slots.map((slot) => (
                  <li key={`${slot.practitionerId}-${slot.start}`}>
                    <Button variant="secondary" data-size="sm" onClick={() => props.onPick(slot)}>
                      <SlotName
                        template={t('booking.slotLabel')}
                        day={time.capitalise(time.day(day.date))}
                        time={time.time(slot.start)}
                        clinician={props.practitionerName(slot.practitionerId)}
                        showClinician={!practitionerId}
                      />
                    </Button>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface SlotNameProps {
  /** The catalogue's "{day} kl. {time} hos {clinician}", in whatever order the language puts them. */
  template: string;
  day: string;
  time: string;
  clinician: string;
  showClinician: boolean;
}

/**
 * The button's name is the whole sentence ("Tirsdag 1. desember kl. 08:00 hos Lise Berg"); the eye sees only the time, and the
 * clinician when times of several are mixed. Hidden words rather than aria-label, so the visible words stay part of the name.
 */
function SlotName({ template, day, time, clinician, showClinician }: SlotNameProps) {
  return template
    .split(/(\{\w+\})/)
    .filter(Boolean)
    .map((part, index) => {
      if (part === '{time}') return <span key={index}>{time}</span>;
      if (part === '{clinician}') return <span key={index} className={showClinician ? 'nl-slot-clinician' : 'ds-sr-only'}>{clinician}</span>;
      return (
        <span key={index} className="ds-sr-only">
          {part === '{day}' ? day : part}
        </span>
      );
    });
}
