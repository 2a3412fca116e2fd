// A Norwegian account number (11 digits) as people write it: 1234.56.78903.
export const accountText = (digits: string) => `${digits.slice(0, 4)}.${digits.slice(4, 6)}.${digits.slice(6)}`;
