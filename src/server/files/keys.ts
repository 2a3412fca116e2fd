// Which keys a file store takes: relative, slash-separated, plain names. Strict, so a key is the same safe path on
// disk and in a bucket, and can never climb out of the store's root.

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/; // a leading letter or digit rules out '.', '..' and hidden files
const MAX_KEY_LENGTH = 512;

export class InvalidFileKeyError extends Error {
  constructor(key: string) {
    super(`Invalid file key ${JSON.stringify(key.slice(0, 100))}: use slash-separated names of letters, digits, '.', '_' and '-'`);
    this.name = 'InvalidFileKeyError';
  }
}

export function isValidFileKey(key: string): boolean {
  return key.length > 0 && key.length <= MAX_KEY_LENGTH && key.split('/').every((segment) => SEGMENT.test(segment));
}

export function assertValidFileKey(key: string): void {
  if (!isValidFileKey(key)) throw new InvalidFileKeyError(key);
}
