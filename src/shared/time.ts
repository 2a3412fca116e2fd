// Calendar days in a clinic's time zone, whatever zone the machine or browser is in.
export const DEFAULT_TIME_ZONE = 'Europe/Oslo';

/** Formatters are costly to make and cheap to reuse: one per zone. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The YYYY-MM-DD date of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  let f = dateFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, f);
  }
  return f.format(instant);
}
