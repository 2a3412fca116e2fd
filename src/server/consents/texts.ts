// The consent texts the person sees, each with its version: a new version is a new text, and what was consented to is
// recorded with the version shown.
export const CONSENT_KINDS = ['econsult', 'sms', 'email'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];
type Language = 'nb' | 'nn' | 'sv' | 'en';

export const CONSENT_TEXTS: Record<ConsentKind, { version: string } & Record<Language, string>> = {
  econsult: {
    version: '2026-11-01',
    nb: 'Jeg samtykker til e-konsultasjon og til at opplysningene jeg sender, behandles elektronisk av legekontoret. Når jeg sender en e-konsultasjon, regnes det som samtykke.',
    nn: 'Eg samtykkjer til e-konsultasjon og til at opplysningane eg sender, blir behandla elektronisk av legekontoret. Når eg sender ein e-konsultasjon, blir det rekna som samtykke.',
    sv: 'Jag samtycker till e-konsultation och till att uppgifterna jag skickar behandlas elektroniskt av mottagningen. När jag skickar en e-konsultation räknas det som samtycke.',
    en: 'I consent to e-consultation and to the clinic processing the information I send electronically. Sending an e-consultation counts as consent.',
  },
  sms: {
    version: '2026-11-01',
    nb: 'Jeg vil ha varsler på SMS: at jeg har fått en melding, en påminnelse om en time og lignende. SMS-en sier aldri noe om helsen min.',
    nn: 'Eg vil ha varsel på SMS: at eg har fått ei melding, ei påminning om ein time og liknande. SMS-en seier aldri noko om helsa mi.',
    sv: 'Jag vill ha aviseringar via sms: att jag har fått ett meddelande, en påminnelse om en tid och liknande. Sms:et säger aldrig något om min hälsa.',
    en: 'I want notices by SMS: that I have a new message, a reminder of an appointment and the like. The SMS never says anything about my health.',
  },
  email: {
    version: '2026-11-01',
    nb: 'Jeg vil ha varsler på e-post: at jeg har fått en melding, en påminnelse om en time og lignende. E-posten sier aldri noe om helsen min.',
    nn: 'Eg vil ha varsel på e-post: at eg har fått ei melding, ei påminning om ein time og liknande. E-posten seier aldri noko om helsa mi.',
    sv: 'Jag vill ha aviseringar via e-post: att jag har fått ett meddelande, en påminnelse om en tid och liknande. E-posten säger aldrig något om min hälsa.',
    en: 'I want notices by e-mail: that I have a new message, a reminder of an appointment and the like. The e-mail never says anything about my health.',
  },
};
