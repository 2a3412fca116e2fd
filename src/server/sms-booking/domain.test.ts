// The SMS booking rules: reading the message, the century of a birth date, name matching, the sender's number.
import { describe, expect, it } from 'vitest';
import { foldName, messageForReception, normaliseSender, parseBookingSms, repeatWindow, replyLanguage, splitName, textFingerprint } from './domain.ts';

const today = '2026-11-23';
const parsed = (text: string) => {
  const r = parseBookingSms(text, today);
  if (!r.ok) throw new Error(`expected "${text}" to parse, got ${r.reason}`);
  return r.sms;
};
const reason = (text: string) => {
  const r = parseBookingSms(text, today);
  return r.ok ? 'ok' : r.reason;
};

describe('reading a booking SMS', () => {
  it('reads the example from the issue', () => {
    expect(parsed('HAUGESUND 030562 Kari Normann Trenger time for konsultasjon')).toEqual({
      keyword: 'HAUGESUND',
      birthDate: '1962-05-03',
      name: 'Kari Normann',
      text: 'Trenger time for konsultasjon',
      words: ['Kari', 'Normann', 'Trenger', 'time', 'for', 'konsultasjon'],
    });
  });

  it('forgives case, extra spaces, line breaks and a missing free text', () => {
    expect(parsed('  fjordbyen   270258\n ola   hansen ')).toMatchObject({ keyword: 'FJORDBYEN', birthDate: '1958-02-27', name: 'ola hansen', text: '' });
    expect(parsed('Nordlys, 010147 Ingrid Solberg')).toMatchObject({ keyword: 'NORDLYS', birthDate: '1947-01-01' });
    expect(parsed('tromsø 010180 Åse Ødegård')).toMatchObject({ keyword: 'TROMSØ' });
  });

  it('takes the date written with dots, slashes, spaces or a four-digit year', () => {
    for (const date of ['27.02.58', '27/2/58', '27-02-1958', '27 02 58', '27021958']) {
      expect(parsed(`FJORDBYEN ${date} Ola Hansen Trenger time`), date).toMatchObject({ birthDate: '1958-02-27', name: 'Ola Hansen', text: 'Trenger time' });
    }
  });

  it('gives a two-digit year the most recent century that is not in the future', () => {
    expect(parsed('X1 231126 Baby Bjørn').birthDate).toBe('2026-11-23');
    expect(parsed('X1 241126 Old Bjørn').birthDate).toBe('1926-11-24');
    expect(parsed('X1 010105 Kid Bjørn').birthDate).toBe('2005-01-01');
    expect(parsed('X1 290200 Leap Day').birthDate).toBe('2000-02-29');
  });

  it('refuses what it cannot read, and says why', () => {
    expect(reason('')).toBe('empty');
    expect(reason('   ')).toBe('empty');
    expect(reason('270258 Ola Hansen')).toBe('no-keyword');
    expect(reason('Hei jeg trenger time')).toBe('no-birth-date');
    expect(reason('FJORDBYEN')).toBe('no-birth-date');
    expect(reason('FJORDBYEN 310258 Ola Hansen')).toBe('invalid-birth-date');
    expect(reason('FJORDBYEN 270299x Ola Hansen')).toBe('invalid-birth-date');
    expect(reason('FJORDBYEN 27021858 Ola Hansen')).toBe('invalid-birth-date');
    expect(reason('FJORDBYEN 01012030 Ola Hansen')).toBe('invalid-birth-date');
    expect(reason('FJORDBYEN 270258')).toBe('no-name');
    expect(reason('FJORDBYEN 270258 Ola')).toBe('no-name');
    expect(reason('FJORDBYEN 270258 Ola 42')).toBe('no-name');
  });

  it('refuses a national ID number instead of a birth date, in any of its spellings', () => {
    expect(reason('FJORDBYEN 27025812345 Ola Hansen')).toBe('national-id');
    expect(reason('FJORDBYEN 270258 12345 Ola Hansen')).toBe('national-id');
    expect(reason('FJORDBYEN 580227-1234 Ola Hansen')).toBe('national-id');
  });
});

describe('matching the name', () => {
  const words = (s: string) => s.split(' ');

  it('needs the first and last word of the registered name, in any case and with or without diacritics', () => {
    expect(splitName(words('ola hansen Trenger time'), 'Ola Hansen')).toEqual({ name: 'ola hansen', text: 'Trenger time' });
    expect(splitName(words('TONE AS'), 'Tone Ås')).toEqual({ name: 'TONE AS', text: '' });
    expect(splitName(words('Ase Odegard vondt'), 'Åse Ødegård')).toEqual({ name: 'Ase Odegard', text: 'vondt' });
    expect(splitName(words('Aase Maeland'), 'Åse Mæland')).not.toBeNull();
    expect(splitName(words('Ola Hanssen'), 'Ola Hansen')).toBeNull();
    expect(splitName(words('Kari Hansen'), 'Ola Hansen')).toBeNull();
  });

  it('lets middle names be left out or written, and keeps the rest as free text', () => {
    expect(splitName(words('Kari Normann Trenger time'), 'Kari Anne Normann')).toEqual({ name: 'Kari Normann', text: 'Trenger time' });
    expect(splitName(words('Kari Anne Normann Trenger time'), 'Kari Anne Normann')).toEqual({ name: 'Kari Anne Normann', text: 'Trenger time' });
    expect(splitName(words('Kari Anne Normann'), 'Kari Normann')).toBeNull();
  });

  it('matches nobody without a registered first and last name', () => {
    expect(splitName(words('Ola Hansen'), null)).toBeNull();
    expect(splitName(words('Ola Hansen'), 'Ola')).toBeNull();
  });

  it('folds names the same way on both sides', () => {
    expect(foldName('  Ødegård ')).toBe(foldName('odegard'));
    expect(foldName('Müller')).toBe('muller');
  });
});

describe('the sender and the message', () => {
  it('reads the sender\'s number in the forms SMSCs use', () => {
    expect(normaliseSender('+4791000002')).toBe('+4791000002');
    expect(normaliseSender('4791000002')).toBe('+4791000002');
    expect(normaliseSender('004791000002')).toBe('+4791000002');
    expect(normaliseSender('91000002')).toBe('+4791000002');
    expect(normaliseSender('0701234567')).toBe('+46701234567');
    expect(normaliseSender('Telenor')).toBeNull();
    expect(normaliseSender('1234')).toBeNull();
  });

  it('masks identity numbers in the free text reception reads', () => {
    expect(messageForReception('min sønn 15839012362 har feber')).toBe('min sønn *********** har feber');
    expect(messageForReception('x'.repeat(1200))).toHaveLength(1000);
  });

  it('the same text with other spacing or case has the same fingerprint; another text another', () => {
    expect(textFingerprint('FJORDBYEN 270258 Ola Hansen')).toBe(textFingerprint(' fjordbyen  270258 ola hansen'));
    expect(textFingerprint('FJORDBYEN 270258 Ola Hansen')).not.toBe(textFingerprint('FJORDBYEN 270258 Ola Hansen time'));
  });

  it('a repeat window starts at the receipt and lasts ten minutes', () => {
    expect(repeatWindow(new Date('2026-11-23T12:00:00Z'))).toBe('[2026-11-23T12:00:00.000Z,2026-11-23T12:10:00.000Z)');
  });

  it('replies in the patient\'s language, else the clinic country\'s', () => {
    expect(replyLanguage('nn', 'NO')).toBe('nn');
    expect(replyLanguage(null, 'SE')).toBe('sv');
    expect(replyLanguage('de', undefined)).toBe('nb');
  });
});
