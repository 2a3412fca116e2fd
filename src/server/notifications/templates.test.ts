// The notification texts: every template in every language, content-free, with times in the clinic's zone.
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../platform/http/messages.ts';
import { SMS_REPLY_TEMPLATES, TEMPLATES, TEMPLATE_PARAMS, renderNotification, type RenderParams, type TemplateName } from './templates.ts';

const url = 'https://nettlege.no';
const winter = new Date('2026-03-12T13:30:00Z'); // 14:30 in Oslo (CET)
const summer = new Date('2026-07-01T12:05:00Z'); // 14:05 in Oslo (CEST)

function paramsFor(template: TemplateName): RenderParams<TemplateName> {
  const names = TEMPLATE_PARAMS[template] as readonly string[];
  return {
    url,
    ...(names.includes('startsAt') ? { startsAt: winter } : {}),
    ...(names.includes('clinic') ? { clinic: 'Fjordbyen legekontor' } : {}),
    ...(names.includes('phone') ? { phone: '+47 55 00 00 00' } : {}),
  } as RenderParams<TemplateName>;
}

describe('templates', () => {
  it('every template renders in all four languages, with the login address (but replies to a booking SMS) and no digit run like a national ID', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(6);
    const seen = new Set<string>();
    for (const template of TEMPLATES) {
      for (const language of LANGUAGES) {
        const r = renderNotification(template, language, paramsFor(template));
        for (const text of [r.subject, r.sms, r.email]) {
          expect(text.trim().length, `${template}/${language}`).toBeGreaterThan(10);
          expect(text).not.toMatch(/\d{11}/);
          expect(text).not.toMatch(/\{\w+\}/);
        }
        if (SMS_REPLY_TEMPLATES.includes(template)) expect(r.sms).not.toContain(url);
        else expect(r.sms).toContain(url);
        expect(r.email).toContain(url);
        expect(r.sms.startsWith('Nettlege: ')).toBe(true);
        seen.add(`${language}:${r.sms}`);
      }
    }
    expect(seen.size).toBe(TEMPLATES.length * LANGUAGES.length);
  });

  it('a parameter outside the template\'s allow-list is refused, so no name or diagnosis can be slipped in', () => {
    for (const template of TEMPLATES) {
      expect(() => renderNotification(template, 'nb', { ...paramsFor(template), name: 'Kari Nordmann' } as never)).toThrow(/does not take name/);
      expect(() => renderNotification(template, 'en', { ...paramsFor(template), diagnosis: 'J06.9' } as never)).toThrow(/does not take diagnosis/);
    }
  });

  it('the only values that reach the text are the login address and, for appointments, the date and time', () => {
    const r = renderNotification('appointment-booked', 'nb', { url, startsAt: winter });
    expect(r.sms).toBe('Nettlege: Timen din er bestilt torsdag 12. mars kl. 14:30. Logg inn på https://nettlege.no for å se mer.');
    const stripped = r.sms.replace(url, '').replace('torsdag 12. mars kl. 14:30', '');
    expect(stripped).not.toMatch(/\d/);
  });

  it('replies to a booking SMS name only the clinic and its number, and leave the number out when there is none', () => {
    expect(SMS_REPLY_TEMPLATES).toEqual(['sms-booking-received', 'sms-booking-unknown-clinic', 'sms-booking-unparseable', 'sms-booking-no-match', 'sms-booking-rejected']);
    expect(renderNotification('sms-booking-received', 'nb', { url, clinic: 'Fjordbyen legekontor' }).sms).toBe(
      'Nettlege: Vi har mottatt timebestillingen din hos Fjordbyen legekontor. Du får en SMS når legekontoret har satt opp timen.',
    );
    expect(renderNotification('sms-booking-no-match', 'en', { url, clinic: 'Fjordbyen legekontor', phone: '+47 55 00 00 00' }).sms).toContain('or call the clinic on +47 55 00 00 00.');
    expect(renderNotification('sms-booking-rejected', 'nb', { url, clinic: 'Fjordbyen legekontor', phone: '' }).sms).toBe(
      'Nettlege: Fjordbyen legekontor kunne ikke sette opp timen du ba om på SMS. Ring legekontoret for å avtale time.',
    );
    expect(renderNotification('sms-booking-received', 'nb', { url, clinic: 'Fjordbyen\nlegekontor' }).sms).toContain('hos Fjordbyen legekontor.');
    expect(() => renderNotification('sms-booking-received', 'nb', { url } as never)).toThrow(/needs clinic/);
  });

  it('appointment times are shown in Europe/Oslo, summer and winter, never in UTC', () => {
    expect(renderNotification('appointment-reminder', 'en', { url, startsAt: summer }).sms).toContain('Wednesday 1 July at 14:05');
    expect(renderNotification('appointment-changed', 'sv', { url, startsAt: winter }).sms).toContain('torsdag 12 mars kl. 14:30');
    expect(renderNotification('appointment-cancelled', 'nn', { url, startsAt: winter, timeZone: 'Europe/Stockholm' }).sms).toContain('kl. 14:30');
    expect(renderNotification('appointment-booked', 'en', { url, startsAt: winter, timeZone: 'UTC' }).sms).toContain('at 13:30');
  });

  it('e-mail has a subject and a body that says the details are only in Nettlege', () => {
    const r = renderNotification('new-message', 'en', { url });
    expect(r.subject).toBe('You have a new message in Nettlege');
    expect(r.email).toBe(
      'Hello,\n\nYou have a new message in Nettlege.\n\nLog in to Nettlege to see more:\nhttps://nettlege.no\n\n' +
        'To protect your privacy, the details are only in Nettlege, not in this e-mail. Please do not reply to this e-mail.\n',
    );
  });

  it('refuses a login address that could carry something about the person', () => {
    expect(() => renderNotification('new-message', 'nb', { url: 'https://nettlege.no/?fnr=15839012362' })).toThrow(/query/);
    expect(() => renderNotification('new-message', 'nb', { url: 'https://nettlege.no/p/15839012362' })).toThrow(/national ID/);
    // Only a video join link may carry a fragment, and only an opaque signed token.
    const token = `${'a'.repeat(40)}.${'b'.repeat(43)}`;
    expect(renderNotification('appointment-booked', 'nb', { url: `https://nettlege.no/video/join#${token}`, startsAt: new Date() }).sms).toContain(`/video/join#${token}`);
    expect(() => renderNotification('new-message', 'nb', { url: `https://nettlege.no/min-side#${token}` })).toThrow(/fragment/);
    expect(() => renderNotification('new-message', 'nb', { url: 'https://nettlege.no/video/join#fnr=15839012362' })).toThrow(/fragment/);
    expect(() => renderNotification('new-message', 'nb', { url: 'javascript:alert(1)' })).toThrow(/http/);
    expect(() => renderNotification('appointment-booked', 'nb', { url, startsAt: new Date('nonsense') })).toThrow(/valid Date/);
  });
});
