// The address a notice goes to, checked before anything is stored: SMS to an E.164 number, e-mail to one address.
import { Invalid } from '../platform/http/errors.ts';

const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export function checkedAddress(channel: 'sms' | 'email', to: string): string {
  const address = to.trim();
  // SMS addresses are E.164 (+4791234567), as identity stores them; anything else is refused, never guessed at.
  if (channel === 'sms' && !E164.test(address)) throw Invalid('problem.invalid-phone');
  if (channel === 'email' && !EMAIL.test(address)) throw Invalid('problem.invalid-email');
  return address;
}
