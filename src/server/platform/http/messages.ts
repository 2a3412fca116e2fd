// Server-side messages (problem details, login pages) in the four languages. The web app has its own catalogue.
export type Language = 'nb' | 'nn' | 'sv' | 'en';
export const LANGUAGES: readonly Language[] = ['nb', 'nn', 'sv', 'en'];

const nb = {
  'problem.invalid': 'Forespørselen er ugyldig: {detail}',
  'problem.invalid-json': 'Forespørselen inneholder ikke gyldig JSON.',
  'problem.unauthenticated': 'Du må logge inn for å gjøre dette.',
  'problem.forbidden': 'Du har ikke tilgang til dette.',
  'problem.not-found': 'Vi fant ikke det du lette etter.',
  'problem.csrf': 'Forespørselen mangler et gyldig sikkerhetstoken. Last inn siden på nytt og prøv igjen.',
  'problem.rate-limited': 'For mange forespørsler. Vent litt og prøv igjen.',
  'problem.payload-too-large': 'Forespørselen er for stor.',
  'problem.unsupported-media-type': 'Innholdstypen støttes ikke.',
  'problem.unavailable': 'Tjenesten er midlertidig utilgjengelig. Prøv igjen om litt.',
  'problem.internal': 'Noe gikk galt hos oss. Prøv igjen senere.',
  'problem.cannot-act-for': 'Du kan ikke handle på vegne av denne personen.',
  'problem.login-failed': 'Innloggingen mislyktes. Prøv igjen.',
  'problem.login-expired': 'Innloggingen tok for lang tid. Prøv igjen.',
  'problem.not-staff': 'Du er ikke registrert som ansatt ved noen klinikk.',
  'problem.invalid-national-id': 'Fødselsnummeret er ikke gyldig.',
  'problem.invalid-phone': 'Mobilnummeret er ikke gyldig.',
  'problem.invalid-email': 'E-postadressen er ikke gyldig.',
  'problem.not-a-patient-session': 'Dette kan bare gjøres av en pasient.',
  'problem.idempotency-key': 'Idempotency-Key må ha 8 til 200 tegn.',
  'problem.idempotency-key-reused': 'Denne Idempotency-Key er allerede brukt til en annen forespørsel.',
  'problem.slot-taken': 'Timen ble akkurat tatt av noen andre. Velg en annen tid.',
  'problem.patient-busy': 'Pasienten har allerede en time som overlapper dette tidspunktet.',
  'problem.not-available': 'Tidspunktet er ikke en ledig time hos denne behandleren.',
  'problem.past-cutoff': 'Timen er for nær i tid til å endres på nett ({hours} timer før). Ring legekontoret på {phone}.',
  'problem.appointment-not-active': 'Timen er allerede avlyst eller gjennomført.',
  'problem.already-in-queue': 'Du står allerede i køen.',
  'problem.queue-closed': 'Klinikken har ikke drop-in for denne typen time nå.',
  'problem.queue-empty': 'Ingen venter i køen.',
  'problem.video-only': 'Dette gjelder bare videotimer.',
  'problem.sms-token-missing': 'Forespørselen mangler SMS-gatewayens token (Authorization: Bearer).',
  'problem.sms-token-wrong': 'SMS-gatewayens token er feil.',
  'problem.booking-request-handled': 'Bestillingen er allerede behandlet.',
  'problem.booking-request-kind': 'Dette kan ikke gjøres med denne typen bestilling.',
  'problem.clinician-busy': 'Du har allerede en time nå. Avslutt den før du tar neste pasient.',
  'problem.not-your-schedule': 'Du kan bare endre din egen timeplan. Be en administrator ved klinikken om hjelp.',
  'problem.schedule-overlap': 'To tidsblokker overlapper på ukedag {weekday}.',
  'problem.affected-changed': 'Timene som berøres har endret seg siden du så på dem ({count} nå). Se over listen og bekreft på nytt.',
} as const;

export type MessageKey = keyof typeof nb;
type Catalogue = Record<MessageKey, string>;

const nn: Catalogue = {
  'problem.invalid': 'Førespurnaden er ugyldig: {detail}',
  'problem.invalid-json': 'Førespurnaden inneheld ikkje gyldig JSON.',
  'problem.unauthenticated': 'Du må logge inn for å gjere dette.',
  'problem.forbidden': 'Du har ikkje tilgang til dette.',
  'problem.not-found': 'Vi fann ikkje det du leita etter.',
  'problem.csrf': 'Førespurnaden manglar eit gyldig tryggleikstoken. Last inn sida på nytt og prøv igjen.',
  'problem.rate-limited': 'For mange førespurnader. Vent litt og prøv igjen.',
  'problem.payload-too-large': 'Førespurnaden er for stor.',
  'problem.unsupported-media-type': 'Innhaldstypen er ikkje støtta.',
  'problem.unavailable': 'Tenesta er mellombels utilgjengeleg. Prøv igjen om litt.',
  'problem.internal': 'Noko gjekk gale hos oss. Prøv igjen seinare.',
  'problem.cannot-act-for': 'Du kan ikkje handle på vegner av denne personen.',
  'problem.login-failed': 'Innlogginga mislukkast. Prøv igjen.',
  'problem.login-expired': 'Innlogginga tok for lang tid. Prøv igjen.',
  'problem.not-staff': 'Du er ikkje registrert som tilsett ved nokon klinikk.',
  'problem.invalid-national-id': 'Fødselsnummeret er ikkje gyldig.',
  'problem.invalid-phone': 'Mobilnummeret er ikkje gyldig.',
  'problem.invalid-email': 'E-postadressa er ikkje gyldig.',
  'problem.not-a-patient-session': 'Dette kan berre gjerast av ein pasient.',
  'problem.idempotency-key': 'Idempotency-Key må ha 8 til 200 teikn.',
  'problem.idempotency-key-reused': 'Denne Idempotency-Key er alt brukt til ein annan førespurnad.',
  'problem.slot-taken': 'Timen vart nett teken av nokon andre. Vel ei anna tid.',
  'problem.patient-busy': 'Pasienten har alt ein time som overlappar dette tidspunktet.',
  'problem.not-available': 'Tidspunktet er ikkje ein ledig time hos denne behandlaren.',
  'problem.past-cutoff': 'Timen er for nær i tid til å endrast på nett ({hours} timar før). Ring legekontoret på {phone}.',
  'problem.appointment-not-active': 'Timen er alt avlyst eller gjennomført.',
  'problem.already-in-queue': 'Du står alt i køen.',
  'problem.queue-closed': 'Klinikken har ikkje drop-in for denne typen time no.',
  'problem.queue-empty': 'Ingen ventar i køen.',
  'problem.video-only': 'Dette gjeld berre videotimar.',
  'problem.sms-token-missing': 'Førespurnaden manglar tokenet til SMS-gatewayen (Authorization: Bearer).',
  'problem.sms-token-wrong': 'Tokenet til SMS-gatewayen er feil.',
  'problem.booking-request-handled': 'Bestillinga er alt behandla.',
  'problem.booking-request-kind': 'Dette kan ikkje gjerast med denne typen bestilling.',
  'problem.clinician-busy': 'Du har alt ein time no. Avslutt han før du tek neste pasient.',
  'problem.not-your-schedule': 'Du kan berre endre din eigen timeplan. Be ein administrator ved klinikken om hjelp.',
  'problem.schedule-overlap': 'To tidsblokker overlappar på vekedag {weekday}.',
  'problem.affected-changed': 'Timane som vert råka har endra seg sidan du såg på dei ({count} no). Sjå over lista og stadfest på nytt.',
};

const sv: Catalogue = {
  'problem.invalid': 'Begäran är ogiltig: {detail}',
  'problem.invalid-json': 'Begäran innehåller inte giltig JSON.',
  'problem.unauthenticated': 'Du måste logga in för att göra detta.',
  'problem.forbidden': 'Du har inte behörighet till detta.',
  'problem.not-found': 'Vi hittade inte det du letade efter.',
  'problem.csrf': 'Begäran saknar en giltig säkerhetstoken. Ladda om sidan och försök igen.',
  'problem.rate-limited': 'För många förfrågningar. Vänta en stund och försök igen.',
  'problem.payload-too-large': 'Begäran är för stor.',
  'problem.unsupported-media-type': 'Innehållstypen stöds inte.',
  'problem.unavailable': 'Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.',
  'problem.internal': 'Något gick fel hos oss. Försök igen senare.',
  'problem.cannot-act-for': 'Du kan inte företräda den här personen.',
  'problem.login-failed': 'Inloggningen misslyckades. Försök igen.',
  'problem.login-expired': 'Inloggningen tog för lång tid. Försök igen.',
  'problem.not-staff': 'Du är inte registrerad som anställd på någon mottagning.',
  'problem.invalid-national-id': 'Personnumret är inte giltigt.',
  'problem.invalid-phone': 'Mobilnumret är inte giltigt.',
  'problem.invalid-email': 'E-postadressen är inte giltig.',
  'problem.not-a-patient-session': 'Detta kan bara göras av en patient.',
  'problem.idempotency-key': 'Idempotency-Key måste ha 8 till 200 tecken.',
  'problem.idempotency-key-reused': 'Denna Idempotency-Key har redan använts för en annan begäran.',
  'problem.slot-taken': 'Tiden blev precis bokad av någon annan. Välj en annan tid.',
  'problem.patient-busy': 'Patienten har redan en tid som överlappar denna tidpunkt.',
  'problem.not-available': 'Tidpunkten är inte en ledig tid hos denna behandlare.',
  'problem.past-cutoff': 'Tiden ligger för nära för att ändras på nätet ({hours} timmar före). Ring mottagningen på {phone}.',
  'problem.appointment-not-active': 'Tiden är redan avbokad eller genomförd.',
  'problem.already-in-queue': 'Du står redan i kön.',
  'problem.queue-closed': 'Mottagningen har inte drop-in för denna typ av besök nu.',
  'problem.queue-empty': 'Ingen väntar i kön.',
  'problem.video-only': 'Detta gäller bara videobesök.',
  'problem.sms-token-missing': 'Begäran saknar sms-gatewayens token (Authorization: Bearer).',
  'problem.sms-token-wrong': 'Sms-gatewayens token är fel.',
  'problem.booking-request-handled': 'Bokningsförfrågan är redan hanterad.',
  'problem.booking-request-kind': 'Detta kan inte göras med den här typen av förfrågan.',
  'problem.clinician-busy': 'Du har redan ett besök nu. Avsluta det innan du tar nästa patient.',
  'problem.not-your-schedule': 'Du kan bara ändra ditt eget schema. Be en administratör på mottagningen om hjälp.',
  'problem.schedule-overlap': 'Två tidsblock överlappar på veckodag {weekday}.',
  'problem.affected-changed': 'De berörda tiderna har ändrats sedan du tittade ({count} nu). Gå igenom listan och bekräfta igen.',
};

const en: Catalogue = {
  'problem.invalid': 'The request is invalid: {detail}',
  'problem.invalid-json': 'The request body is not valid JSON.',
  'problem.unauthenticated': 'You must log in to do this.',
  'problem.forbidden': 'You do not have access to this.',
  'problem.not-found': 'We could not find what you were looking for.',
  'problem.csrf': 'The request lacks a valid security token. Reload the page and try again.',
  'problem.rate-limited': 'Too many requests. Wait a moment and try again.',
  'problem.payload-too-large': 'The request is too large.',
  'problem.unsupported-media-type': 'The content type is not supported.',
  'problem.unavailable': 'The service is temporarily unavailable. Try again shortly.',
  'problem.internal': 'Something went wrong on our side. Try again later.',
  'problem.cannot-act-for': 'You cannot act on behalf of this person.',
  'problem.login-failed': 'Logging in failed. Please try again.',
  'problem.login-expired': 'Logging in took too long. Please try again.',
  'problem.not-staff': 'You are not registered as staff at any clinic.',
  'problem.invalid-national-id': 'The national identity number is not valid.',
  'problem.invalid-phone': 'The mobile number is not valid.',
  'problem.invalid-email': 'The e-mail address is not valid.',
  'problem.not-a-patient-session': 'Only a patient can do this.',
  'problem.idempotency-key': 'The Idempotency-Key must have 8 to 200 characters.',
  'problem.idempotency-key-reused': 'This Idempotency-Key was already used for a different request.',
  'problem.slot-taken': 'That time was just taken by someone else. Please choose another time.',
  'problem.patient-busy': 'The patient already has an appointment at that time.',
  'problem.not-available': 'That time is not a free slot with this clinician.',
  'problem.past-cutoff': 'The appointment is too close to change online ({hours} hours before). Please call the clinic on {phone}.',
  'problem.appointment-not-active': 'The appointment is already cancelled or completed.',
  'problem.already-in-queue': 'You are already in the queue.',
  'problem.queue-closed': 'The clinic has no drop-in for this kind of visit now.',
  'problem.queue-empty': 'Nobody is waiting in the queue.',
  'problem.video-only': 'This applies to video appointments only.',
  'problem.sms-token-missing': 'The request lacks the SMS gateway\'s token (Authorization: Bearer).',
  'problem.sms-token-wrong': 'The SMS gateway\'s token is wrong.',
  'problem.booking-request-handled': 'This booking request has already been handled.',
  'problem.booking-request-kind': 'This cannot be done with this kind of booking request.',
  'problem.clinician-busy': 'You already have an appointment now. Finish it before taking the next patient.',
  'problem.not-your-schedule': 'You may change only your own schedule. Ask an administrator of the clinic.',
  'problem.schedule-overlap': 'Two blocks overlap on weekday {weekday}.',
  'problem.affected-changed': 'The affected appointments changed since you looked ({count} now). Check the list and confirm again.',
};

export const CATALOGUES: Record<Language, Catalogue> = { nb, nn, sv, en };

export function message(lang: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  return CATALOGUES[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** The user's language: their session's choice, else the first supported Accept-Language, else bokmål. */
export function pickLanguage(sessionLanguage: string | undefined, acceptLanguage: string | undefined): Language {
  if (sessionLanguage && (LANGUAGES as readonly string[]).includes(sessionLanguage)) return sessionLanguage as Language;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag === 'no' || tag.startsWith('nb')) return 'nb';
    if (tag.startsWith('nn')) return 'nn';
    if (tag.startsWith('sv')) return 'sv';
    if (tag.startsWith('en')) return 'en';
  }
  return 'nb';
}
