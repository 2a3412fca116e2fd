// The card simulator's test cards and its card form's checks, pure: what a number does, and what is wrong with a form.

export type CardOutcome = 'authorized' | 'declined' | 'challenge';

/** The same numbers as Stripe's test cards, so a tester's habits carry over. */
export const TEST_CARDS: ReadonlyArray<{ number: string; outcome: CardOutcome; nb: string; en: string }> = [
  { number: '4242424242424242', outcome: 'authorized', nb: 'godkjennes', en: 'succeeds' },
  { number: '4000000000000002', outcome: 'declined', nb: 'avvises', en: 'is declined' },
  { number: '4000002760003184', outcome: 'challenge', nb: 'krever 3-D Secure', en: 'needs 3-D Secure' },
];

export interface CardForm {
  number?: string | undefined;
  expiry?: string | undefined;
  cvc?: string | undefined;
}

export type CardCheck = { ok: true; outcome: CardOutcome; last4: string } | { ok: false; nb: string; en: string };

/** "4242 4242 4242 4242" → "4242424242424242": people type the spaces printed on the card. */
export const cardDigits = (number: string) => number.replace(/[\s-]/g, '');

/** Checks the form as a card page would, with `now` for the expiry; the first problem found is reported. */
export function checkCard(form: CardForm, now: Date): CardCheck {
  const number = cardDigits(form.number ?? '');
  const card = TEST_CARDS.find((c) => c.number === number);
  if (!card) return { ok: false, nb: 'Kortnummeret er ikke et av testkortene under.', en: 'The card number is not one of the test cards below.' };
  const expiry = /^\s*(\d{1,2})\s*\/\s*(\d{2})\s*$/.exec(form.expiry ?? '');
  const month = Number(expiry?.[1]);
  const year = 2000 + Number(expiry?.[2]);
  if (!expiry || month < 1 || month > 12) return { ok: false, nb: 'Skriv utløpsdatoen som MM/ÅÅ, for eksempel 12/34.', en: 'Enter the expiry date as MM/YY, for example 12/34.' };
  if (year * 12 + month < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1) return { ok: false, nb: 'Kortet har gått ut.', en: 'The card has expired.' };
  if (!/^\d{3,4}$/.test((form.cvc ?? '').trim())) return { ok: false, nb: 'CVC er de tre eller fire sifrene bak på kortet.', en: 'The CVC is the three or four digits on the back of the card.' };
  return { ok: true, outcome: card.outcome, last4: number.slice(-4) };
}
