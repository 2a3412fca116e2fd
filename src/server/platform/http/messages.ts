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
