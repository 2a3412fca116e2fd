// One Idempotency-Key per form submission: the same request again (a retry) reuses it, a changed request gets a new one.
export interface KeyKeeper {
  keyFor: (request: unknown) => string;
}

export function keyKeeper(newKey: () => string = randomKey): KeyKeeper {
  let current: { request: string; key: string } | null = null;
  return {
    keyFor(request) {
      const text = JSON.stringify(request);
      if (current?.request !== text) current = { request: text, key: newKey() };
      return current.key;
    },
  };
}

function randomKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; a plain-http test address still has getRandomValues.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
