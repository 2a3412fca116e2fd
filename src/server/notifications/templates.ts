// Content-free notification texts (SMS and e-mail) per template and language: never health information, only "log in to read it".
import type { Language } from '../platform/http/messages.ts';

/** The appointment's start; only the date and time in the clinic's zone ever reach the text. */
export interface AppointmentParams {
  startsAt: Date;
  /** The clinic's IANA time zone. */
  timeZone?: string;
}

/** Replies to an SMS booking: the clinic's name and phone number, which the sender already knows, and nothing else. */
export interface ClinicParams {
  clinic: string;
}
export interface ClinicContactParams extends ClinicParams {
  /** The clinic's phone number; empty leaves out the phrase that names it. */
  phone: string;
}

type NoParams = Record<never, never>;

export interface TemplateParams {
  'new-message': NoParams;
  'new-answer': NoParams;
  'appointment-booked': AppointmentParams;
  'appointment-reminder': AppointmentParams;
  'appointment-changed': AppointmentParams;
  'appointment-cancelled': AppointmentParams;
  'payment-refunded': NoParams;
  /** Something about the patient's GP changed (a place from the waiting list, a reduced list): log in to see. */
  'gp-changed': NoParams;
  'contact-verified': NoParams;
  'sms-booking-received': ClinicParams;
  'sms-booking-unknown-clinic': NoParams;
  'sms-booking-unparseable': NoParams;
  'sms-booking-no-match': ClinicContactParams;
  'sms-booking-rejected': ClinicContactParams;
}

export type TemplateName = keyof TemplateParams;

/** What a renderer receives: the template's own parameters plus the login address. */
export type RenderParams<T extends TemplateName> = TemplateParams[T] & { url: string };

/** The only parameters each template may be given (besides `url`): anything else is refused, so nobody can slip a name in. */
export const TEMPLATE_PARAMS: { readonly [T in TemplateName]: readonly (keyof TemplateParams[T])[] } = {
  'new-message': [],
  'new-answer': [],
  'appointment-booked': ['startsAt', 'timeZone'],
  'appointment-reminder': ['startsAt', 'timeZone'],
  'appointment-changed': ['startsAt', 'timeZone'],
  'appointment-cancelled': ['startsAt', 'timeZone'],
  'payment-refunded': [],
  'gp-changed': [],
  'contact-verified': [],
  'sms-booking-received': ['clinic'],
  'sms-booking-unknown-clinic': [],
  'sms-booking-unparseable': [],
  'sms-booking-no-match': ['clinic', 'phone'],
  'sms-booking-rejected': ['clinic', 'phone'],
};

export const TEMPLATES = Object.keys(TEMPLATE_PARAMS) as TemplateName[];

/** Answers to a booking SMS: the sender may have no internet, so they carry no login address. */
export const SMS_REPLY_TEMPLATES: readonly TemplateName[] = TEMPLATES.filter((t) => t.startsWith('sms-booking-'));

export const DEFAULT_TIME_ZONE = 'Europe/Oslo';

export interface RenderedNotification {
  subject: string;
  sms: string;
  email: string;
}

/** One template in one language. `{url}` is the login address, `{when}` the appointment's date and time. */
interface Texts {
  sms: string;
  subject: string;
  /** The e-mail's first paragraph; the login line and the privacy note are added around it. */
  lead: string;
}

interface LanguagePack {
  locale: string;
  /** Joins the formatted date and time, e.g. "torsdag 12. mars kl. 14:30". */
  at: string;
  greeting: string;
  loginLine: string;
  footer: string;
  texts: Record<TemplateName, Texts>;
}

/** A reply to a booking SMS: the e-mail lead is the SMS without its "Nettlege:" prefix. */
const reply = (sms: string, subject: string): Texts => ({ sms, subject, lead: sms.replace(/^Nettlege: /, '') });

const packs: Record<Language, LanguagePack> = {
  nb: {
    locale: 'nb-NO',
    at: '{date} kl. {time}',
    greeting: 'Hei!',
    loginLine: 'Logg inn i Nettlege for å se mer:',
    footer: 'Av hensyn til personvernet står detaljene bare i Nettlege, ikke i denne e-posten. Du kan ikke svare på denne e-posten.',
    texts: {
      'new-message': { sms: 'Nettlege: Du har fått en ny melding. Logg inn på {url} for å lese den.', subject: 'Du har en ny melding i Nettlege', lead: 'Du har fått en ny melding i Nettlege.' },
      'new-answer': { sms: 'Nettlege: Du har fått svar på henvendelsen din. Logg inn på {url} for å lese svaret.', subject: 'Du har fått svar i Nettlege', lead: 'Du har fått svar på henvendelsen din i Nettlege.' },
      'appointment-booked': { sms: 'Nettlege: Timen din er bestilt {when}. Logg inn på {url} for å se mer.', subject: 'Timen din er bestilt', lead: 'Timen din er bestilt {when}.' },
      'appointment-reminder': { sms: 'Nettlege: Påminnelse om timen din {when}. Logg inn på {url} for å se mer.', subject: 'Påminnelse om timen din', lead: 'Vi minner om timen din {when}.' },
      'appointment-changed': { sms: 'Nettlege: Timen din er endret til {when}. Logg inn på {url} for å se mer.', subject: 'Timen din er endret', lead: 'Timen din er endret til {when}.' },
      'appointment-cancelled': { sms: 'Nettlege: Timen din {when} er avlyst. Logg inn på {url} for å se mer.', subject: 'Timen din er avlyst', lead: 'Timen din {when} er avlyst.' },
      'payment-refunded': { sms: 'Nettlege: Du har fått penger tilbake på kortet. Logg inn på {url} for å se kvitteringen.', subject: 'Du har fått penger tilbake', lead: 'Du har fått penger tilbake på kortet ditt.' },
      'gp-changed': { sms: 'Nettlege: Det er nytt om fastlegen din. Logg inn på {url} for å se mer.', subject: 'Nytt om fastlegen din', lead: 'Det er nytt om fastlegen din.' },
      'contact-verified': { sms: 'Nettlege: Mobilnummeret ditt er lagt inn. Logg inn på {url} for å se mer.', subject: 'E-postadressen din er lagt inn', lead: 'E-postadressen din er lagt inn i Nettlege.' },
      'sms-booking-received': reply('Nettlege: Vi har mottatt timebestillingen din hos {clinic}. Du får en SMS når legekontoret har satt opp timen.', 'Vi har mottatt timebestillingen din'),
      'sms-booking-unknown-clinic': reply('Nettlege: Vi kjente ikke igjen legekontoret i meldingen. Start med legekontorets kodeord, slik: KODEORD DDMMÅÅ Fornavn Etternavn. Spør legekontoret om kodeordet.', 'Vi kjente ikke igjen legekontoret'),
      'sms-booking-unparseable': reply('Nettlege: Vi forsto ikke meldingen. Skriv slik: KODEORD DDMMÅÅ Fornavn Etternavn, for eksempel LEGEKONTOR 010180 Kari Nordmann. Ikke skriv personnummer eller helseopplysninger.', 'Vi forsto ikke meldingen'),
      'sms-booking-no-match': reply('Nettlege: Vi fant deg ikke hos {clinic} ut fra mobilnummer, fødselsdato og navn. Sjekk meldingen, eller ring legekontoret[ på {phone}].', 'Vi fant deg ikke hos legekontoret'),
      'sms-booking-rejected': reply('Nettlege: {clinic} kunne ikke sette opp timen du ba om på SMS. Ring legekontoret[ på {phone}] for å avtale time.', 'Timen ble ikke satt opp'),
    },
  },
  nn: {
    locale: 'nn-NO',
    at: '{date} kl. {time}',
    greeting: 'Hei!',
    loginLine: 'Logg inn i Nettlege for å sjå meir:',
    footer: 'Av omsyn til personvernet står detaljane berre i Nettlege, ikkje i denne e-posten. Du kan ikkje svare på denne e-posten.',
    texts: {
      'new-message': { sms: 'Nettlege: Du har fått ei ny melding. Logg inn på {url} for å lese ho.', subject: 'Du har ei ny melding i Nettlege', lead: 'Du har fått ei ny melding i Nettlege.' },
      'new-answer': { sms: 'Nettlege: Du har fått svar på førespurnaden din. Logg inn på {url} for å lese svaret.', subject: 'Du har fått svar i Nettlege', lead: 'Du har fått svar på førespurnaden din i Nettlege.' },
      'appointment-booked': { sms: 'Nettlege: Timen din er bestilt {when}. Logg inn på {url} for å sjå meir.', subject: 'Timen din er bestilt', lead: 'Timen din er bestilt {when}.' },
      'appointment-reminder': { sms: 'Nettlege: Påminning om timen din {when}. Logg inn på {url} for å sjå meir.', subject: 'Påminning om timen din', lead: 'Vi minner om timen din {when}.' },
      'appointment-changed': { sms: 'Nettlege: Timen din er endra til {when}. Logg inn på {url} for å sjå meir.', subject: 'Timen din er endra', lead: 'Timen din er endra til {when}.' },
      'appointment-cancelled': { sms: 'Nettlege: Timen din {when} er avlyst. Logg inn på {url} for å sjå meir.', subject: 'Timen din er avlyst', lead: 'Timen din {when} er avlyst.' },
      'payment-refunded': { sms: 'Nettlege: Du har fått pengar tilbake på kortet. Logg inn på {url} for å sjå kvitteringa.', subject: 'Du har fått pengar tilbake', lead: 'Du har fått pengar tilbake på kortet ditt.' },
      'gp-changed': { sms: 'Nettlege: Det er nytt om fastlegen din. Logg inn på {url} for å sjå meir.', subject: 'Nytt om fastlegen din', lead: 'Det er nytt om fastlegen din.' },
      'contact-verified': { sms: 'Nettlege: Mobilnummeret ditt er lagt inn. Logg inn på {url} for å sjå meir.', subject: 'E-postadressa di er lagd inn', lead: 'E-postadressa di er lagd inn i Nettlege.' },
      'sms-booking-received': reply('Nettlege: Vi har fått timebestillinga di hos {clinic}. Du får ein SMS når legekontoret har sett opp timen.', 'Vi har fått timebestillinga di'),
      'sms-booking-unknown-clinic': reply('Nettlege: Vi kjende ikkje att legekontoret i meldinga. Start med kodeordet til legekontoret, slik: KODEORD DDMMÅÅ Fornamn Etternamn. Spør legekontoret om kodeordet.', 'Vi kjende ikkje att legekontoret'),
      'sms-booking-unparseable': reply('Nettlege: Vi forstod ikkje meldinga. Skriv slik: KODEORD DDMMÅÅ Fornamn Etternamn, til dømes LEGEKONTOR 010180 Kari Nordmann. Ikkje skriv personnummer eller helseopplysningar.', 'Vi forstod ikkje meldinga'),
      'sms-booking-no-match': reply('Nettlege: Vi fann deg ikkje hos {clinic} ut frå mobilnummer, fødselsdato og namn. Sjekk meldinga, eller ring legekontoret[ på {phone}].', 'Vi fann deg ikkje hos legekontoret'),
      'sms-booking-rejected': reply('Nettlege: {clinic} kunne ikkje setje opp timen du bad om på SMS. Ring legekontoret[ på {phone}] for å avtale time.', 'Timen vart ikkje sett opp'),
    },
  },
  sv: {
    locale: 'sv-SE',
    at: '{date} kl. {time}',
    greeting: 'Hej!',
    loginLine: 'Logga in i Nettlege för att se mer:',
    footer: 'Av integritetsskäl finns detaljerna bara i Nettlege, inte i detta e-postmeddelande. Du kan inte svara på detta e-postmeddelande.',
    texts: {
      'new-message': { sms: 'Nettlege: Du har fått ett nytt meddelande. Logga in på {url} för att läsa det.', subject: 'Du har ett nytt meddelande i Nettlege', lead: 'Du har fått ett nytt meddelande i Nettlege.' },
      'new-answer': { sms: 'Nettlege: Du har fått svar på ditt ärende. Logga in på {url} för att läsa svaret.', subject: 'Du har fått svar i Nettlege', lead: 'Du har fått svar på ditt ärende i Nettlege.' },
      'appointment-booked': { sms: 'Nettlege: Din tid är bokad {when}. Logga in på {url} för att se mer.', subject: 'Din tid är bokad', lead: 'Din tid är bokad {when}.' },
      'appointment-reminder': { sms: 'Nettlege: Påminnelse om din tid {when}. Logga in på {url} för att se mer.', subject: 'Påminnelse om din tid', lead: 'Vi påminner om din tid {when}.' },
      'appointment-changed': { sms: 'Nettlege: Din tid är ändrad till {when}. Logga in på {url} för att se mer.', subject: 'Din tid är ändrad', lead: 'Din tid är ändrad till {when}.' },
      'appointment-cancelled': { sms: 'Nettlege: Din tid {when} är avbokad. Logga in på {url} för att se mer.', subject: 'Din tid är avbokad', lead: 'Din tid {when} är avbokad.' },
      'payment-refunded': { sms: 'Nettlege: Du har fått pengar tillbaka på kortet. Logga in på {url} för att se kvittot.', subject: 'Du har fått pengar tillbaka', lead: 'Du har fått pengar tillbaka på ditt kort.' },
      'gp-changed': { sms: 'Nettlege: Det finns nyheter om din fastläkare. Logga in på {url} för att se mer.', subject: 'Nyheter om din fastläkare', lead: 'Det finns nyheter om din fastläkare.' },
      'contact-verified': { sms: 'Nettlege: Ditt mobilnummer är registrerat. Logga in på {url} för att se mer.', subject: 'Din e-postadress är registrerad', lead: 'Din e-postadress är registrerad i Nettlege.' },
      'sms-booking-received': reply('Nettlege: Vi har tagit emot din tidsbokning hos {clinic}. Du får ett sms när mottagningen har bokat tiden.', 'Vi har tagit emot din tidsbokning'),
      'sms-booking-unknown-clinic': reply('Nettlege: Vi kände inte igen mottagningen i meddelandet. Börja med mottagningens kodord, så här: KODORD DDMMÅÅ Förnamn Efternamn. Fråga mottagningen om kodordet.', 'Vi kände inte igen mottagningen'),
      'sms-booking-unparseable': reply('Nettlege: Vi förstod inte meddelandet. Skriv så här: KODORD DDMMÅÅ Förnamn Efternamn, till exempel MOTTAGNING 010180 Kari Nordmann. Skriv inte personnummer eller hälsouppgifter.', 'Vi förstod inte meddelandet'),
      'sms-booking-no-match': reply('Nettlege: Vi hittade dig inte hos {clinic} utifrån mobilnummer, födelsedatum och namn. Kontrollera meddelandet eller ring mottagningen[ på {phone}].', 'Vi hittade dig inte hos mottagningen'),
      'sms-booking-rejected': reply('Nettlege: {clinic} kunde inte boka tiden du bad om via sms. Ring mottagningen[ på {phone}] för att boka en tid.', 'Tiden blev inte bokad'),
    },
  },
  en: {
    locale: 'en-GB',
    at: '{date} at {time}',
    greeting: 'Hello,',
    loginLine: 'Log in to Nettlege to see more:',
    footer: 'To protect your privacy, the details are only in Nettlege, not in this e-mail. Please do not reply to this e-mail.',
    texts: {
      'new-message': { sms: 'Nettlege: You have a new message. Log in at {url} to read it.', subject: 'You have a new message in Nettlege', lead: 'You have a new message in Nettlege.' },
      'new-answer': { sms: 'Nettlege: You have an answer to your enquiry. Log in at {url} to read it.', subject: 'You have an answer in Nettlege', lead: 'You have an answer to your enquiry in Nettlege.' },
      'appointment-booked': { sms: 'Nettlege: Your appointment is booked for {when}. Log in at {url} to see more.', subject: 'Your appointment is booked', lead: 'Your appointment is booked for {when}.' },
      'appointment-reminder': { sms: 'Nettlege: A reminder of your appointment {when}. Log in at {url} to see more.', subject: 'A reminder of your appointment', lead: 'This is a reminder of your appointment {when}.' },
      'appointment-changed': { sms: 'Nettlege: Your appointment has moved to {when}. Log in at {url} to see more.', subject: 'Your appointment has changed', lead: 'Your appointment has moved to {when}.' },
      'appointment-cancelled': { sms: 'Nettlege: Your appointment {when} is cancelled. Log in at {url} to see more.', subject: 'Your appointment is cancelled', lead: 'Your appointment {when} is cancelled.' },
      'payment-refunded': { sms: 'Nettlege: Money has been paid back to your card. Log in at {url} to see the receipt.', subject: 'Money has been paid back to you', lead: 'Money has been paid back to your card.' },
      'gp-changed': { sms: 'Nettlege: There is news about your GP. Log in at {url} to see more.', subject: 'News about your GP', lead: 'There is news about your GP.' },
      'contact-verified': { sms: 'Nettlege: Your mobile number has been added. Log in at {url} to see more.', subject: 'Your e-mail address has been added', lead: 'Your e-mail address has been added to Nettlege.' },
      'sms-booking-received': reply('Nettlege: We have received your booking request to {clinic}. You will get an SMS when the clinic has booked your appointment.', 'We have received your booking request'),
      'sms-booking-unknown-clinic': reply('Nettlege: We did not recognise the clinic in your message. Start with the clinic\'s keyword, like this: KEYWORD DDMMYY First-name Last-name. Ask the clinic for its keyword.', 'We did not recognise the clinic'),
      'sms-booking-unparseable': reply('Nettlege: We did not understand your message. Write it like this: KEYWORD DDMMYY First-name Last-name, for example CLINIC 010180 Kari Nordmann. Do not write your national ID number or health details.', 'We did not understand your message'),
      'sms-booking-no-match': reply('Nettlege: We could not find you at {clinic} from your mobile number, date of birth and name. Check your message, or call the clinic[ on {phone}].', 'We could not find you at the clinic'),
      'sms-booking-rejected': reply('Nettlege: {clinic} could not book the appointment you asked for by SMS. Please call the clinic[ on {phone}] to book.', 'Your appointment was not booked'),
    },
  },
};

// A national ID number (Norwegian 11 digits, with or without a space; Swedish YYMMDD-NNNN) must never go out.
const NATIONAL_ID_LIKE = /\d{6}\s?\d{5}|\d{6}[-+]\d{4}/;

export function renderNotification<T extends TemplateName>(template: T, language: Language, params: RenderParams<T>): RenderedNotification {
  const pack = packs[language];
  if (!pack) throw new Error(`unknown notification language "${String(language)}"`);
  const texts = pack.texts[template];
  if (!texts) throw new Error(`unknown notification template "${String(template)}"`);
  const allowed = new Set<string>(['url', ...(TEMPLATE_PARAMS[template] as readonly string[])]);
  const unexpected = Object.keys(params).filter((k) => !allowed.has(k));
  if (unexpected.length > 0) throw new Error(`template ${template} does not take ${unexpected.join(', ')}`);

  const values: Record<string, string> = { url: loginUrl(params.url) };
  const names = TEMPLATE_PARAMS[template] as readonly string[];
  if (names.includes('startsAt')) {
    const p = params as unknown as AppointmentParams;
    values.when = formatWhen(p.startsAt, pack, p.timeZone ?? DEFAULT_TIME_ZONE);
  }
  for (const key of names.filter((k) => k === 'clinic' || k === 'phone')) {
    const v = (params as unknown as Record<string, unknown>)[key];
    if (typeof v !== 'string') throw new Error(`template ${template} needs ${key} as a string`);
    values[key] = oneLine(v);
  }
  const value = (key: string) => {
    const v = values[key];
    if (v === undefined) throw new Error(`template ${template} has no value for {${key}}`);
    return v;
  };
  // "[ på {phone}]" is kept only when every value inside it is there.
  const fill = (s: string) =>
    s
      .replace(/\[([^\]]*)\]/g, (_, part: string) => ([...part.matchAll(/\{(\w+)\}/g)].every((m) => value(m[1]!) !== '') ? part : ''))
      .replace(/\{(\w+)\}/g, (_, key: string) => value(key));
  const lead = fill(texts.lead);
  const rendered: RenderedNotification = {
    subject: fill(texts.subject),
    sms: fill(texts.sms),
    email: `${pack.greeting}\n\n${lead}\n\n${pack.loginLine}\n${values.url}\n\n${pack.footer}\n`,
  };
  for (const text of Object.values(rendered)) {
    if (NATIONAL_ID_LIKE.test(text)) throw new Error(`template ${template} rendered something that looks like a national ID number`);
  }
  return rendered;
}

/** A clinic's name or number as one short line: a stored value cannot add lines or a long text to an SMS. */
function oneLine(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
}

function loginUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('notification url must be an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('notification url must be http(s)');
  // The address is the same for everyone: a query or fragment could carry something about the person. The one exception
  // is a video appointment's signed join link, an opaque token in the fragment (never sent to a server, so never logged),
  // which opens nothing without the patient's own e-ID login.
  const joinLink = url.pathname === '/video/join' && /^#[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}$/.test(url.hash);
  if (url.search || (url.hash && !joinLink) || url.username || url.password) throw new Error('notification url must not carry a query, fragment or credentials');
  if (joinLink) return url.toString();
  return url.toString().replace(/\/$/, '');
}

/** The date and time in the clinic's zone (never the server's, never UTC unless asked), e.g. "torsdag 12. mars kl. 14:30". */
function formatWhen(startsAt: Date, pack: Pick<LanguagePack, 'locale' | 'at'>, timeZone: string): string {
  if (!(startsAt instanceof Date) || Number.isNaN(startsAt.getTime())) throw new Error('startsAt must be a valid Date');
  const f = formatsFor(pack.locale, timeZone);
  return pack.at.replace('{date}', f.date.format(startsAt)).replace('{time}', f.time.format(startsAt));
}

/** Making a formatter costs far more than using one: one pair per locale and zone (a handful), kept. */
const formats = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();
function formatsFor(locale: string, timeZone: string) {
  const key = `${locale} ${timeZone}`;
  let f = formats.get(key);
  if (!f) {
    f = {
      date: new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long' }),
      time: new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    };
    formats.set(key, f);
  }
  return f;
}
