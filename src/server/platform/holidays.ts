// Public holidays and working days of the countries clinics are in, from the maintained date-holidays library (not a
// hand-made list): answer deadlines count working days, and the co-payment's evening tariff applies on holidays.
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';

export type Country = 'NO' | 'SE';

const calendars = new Map<Country, Holidays>();
const holidayYears = new Map<string, Set<string>>();

/** The public holidays (YYYY-MM-DD) of a country in a year: helligdager / helgdagar, not observances. */
export function publicHolidays(country: Country, year: number): Set<string> {
  const key = `${country}:${year}`;
  let days = holidayYears.get(key);
  if (!days) {
    let calendar = calendars.get(country);
    if (!calendar) calendars.set(country, (calendar = new Holidays(country)));
    days = new Set(calendar.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    holidayYears.set(key, days);
  }
  return days;
}

/** A weekday that is no public holiday in the country. */
export function isWorkingDay(date: string, country: Country): boolean {
  const d = DateTime.fromISO(date, { zone: 'UTC' });
  return d.weekday <= 5 && !publicHolidays(country, d.year).has(date);
}

