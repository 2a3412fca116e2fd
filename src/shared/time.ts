// Calendar days in a clinic's time zone, whatever zone the machine or browser is in.
export const DEFAULT_TIME_ZONE = 'Europe/Oslo';

/** The YYYY-MM-DD date of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
