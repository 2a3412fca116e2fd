// The drug catalogue behind an adapter, so a national catalogue (e.g. FEST) can replace the bundled list.
// The bundled list is checked entry by entry when the server starts: a bad entry stops the start, named.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { drugProblems, type Drug } from './drug.ts';

export interface DrugCatalogue {
  find(id: string): Drug | undefined;
  /** Drugs whose name or brand contains the query, or whose ATC code starts with it; case-insensitive, by name. */
  search(query: string): Drug[];
  all(): readonly Drug[];
}

/** A catalogue over checked entries; throws one error listing every problem in every entry of `source`. */
export function catalogueFrom(entries: unknown, source: string): DrugCatalogue {
  if (!Array.isArray(entries)) throw new Error(`The drug catalogue ${source} is not valid: not a list of drugs`);
  const problems: string[] = [];
  const byId = new Map<string, Drug>();
  for (const [i, entry] of (entries as unknown[]).entries()) {
    const found = drugProblems(entry);
    const id = (entry as { id?: unknown } | null)?.id;
    const at = typeof id === 'string' ? `[${i}] (${id})` : `[${i}]`;
    if (found.length > 0) problems.push(...found.map((p) => `${at}: ${p}`));
    else if (byId.has(id as string)) problems.push(`${at}: id appears twice`);
    else byId.set(id as string, Object.freeze(entry as Drug));
  }
  if (problems.length > 0) throw new Error(`The drug catalogue ${source} is not valid:\n  ${problems.join('\n  ')}`);

  const all = Object.freeze([...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'nb')));
  return {
    find: (id) => byId.get(id),
    search: (query) => {
      const q = query.trim().toLocaleLowerCase('nb');
      if (q === '') return [];
      return all.filter(
        (d) => d.atc.toLocaleLowerCase('nb').startsWith(q) || d.name.toLocaleLowerCase('nb').includes(q) || (d.brand?.toLocaleLowerCase('nb').includes(q) ?? false),
      );
    },
    all: () => all,
  };
}

export function loadDrugCatalogue(file: string): DrugCatalogue {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`The drug catalogue ${file} cannot be read: ${(e as Error).message}`);
  }
  return catalogueFrom(json, file);
}

/** The catalogue shipped with the product: loaded once, when this module is first imported. */
export const bundledCatalogue: DrugCatalogue = loadDrugCatalogue(path.join(import.meta.dirname, 'catalogue.json'));
