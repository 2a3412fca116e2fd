// The four UI catalogues stay in step: the same keys, no empty texts, the same {param} placeholders.
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { nb } from './nb.ts';
import { nn } from './nn.ts';
import { sv } from './sv.ts';

const catalogues: Record<string, Record<string, string>> = { nb, nn, sv, en };
const others = Object.entries(catalogues).filter(([language]) => language !== 'nb');

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

describe('UI catalogues', () => {
  it('bokmål has texts to compare against', () => {
    expect(Object.keys(nb).length).toBeGreaterThan(50);
  });

  it.each(others)('%s has exactly the same keys as bokmål', (_language, catalogue) => {
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(nb).sort());
  });

  it.each(Object.entries(catalogues))('%s has no empty texts', (_language, catalogue) => {
    const empty = Object.entries(catalogue).filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });

  it.each(others)('%s uses the same {param} placeholders as bokmål in every text', (_language, catalogue) => {
    const mismatched = Object.entries(nb)
      .filter(([key, text]) => JSON.stringify(placeholders(catalogue[key] ?? '')) !== JSON.stringify(placeholders(text)))
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('has no unbalanced braces that would show up on screen', () => {
    const broken = Object.entries(catalogues).flatMap(([language, catalogue]) =>
      Object.entries(catalogue)
        .filter(([, text]) => text.replace(/\{\w+\}/g, '').match(/[{}]/))
        .map(([key]) => `${language}:${key}`),
    );
    expect(broken).toEqual([]);
  });
});
