// An appointment as an iCalendar file (RFC 5545): times in UTC, text content-free like the SMS.
import type { AppointmentView } from './views.ts';

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const escape = (s: string) => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');

const SUMMARY: Record<string, string> = { nb: 'Time hos legekontoret', nn: 'Time hos legekontoret', sv: 'Tid på mottagningen', en: 'Appointment at the clinic' };

export function appointmentIcs(a: AppointmentView, publicUrl: string, language: string): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Nettlege//Booking//NO',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${a.id}@nettlege`,
    `SEQUENCE:${a.version}`,
    `DTSTAMP:${stamp(new Date())}`,
    `DTSTART:${stamp(new Date(a.start))}`,
    `DTEND:${stamp(new Date(a.end))}`,
    `SUMMARY:${escape(`${SUMMARY[language] ?? SUMMARY.nb} – ${a.clinicName}`)}`,
    `URL:${publicUrl}/timer`,
    `STATUS:${a.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.join('\r\n')}\r\n`;
}
