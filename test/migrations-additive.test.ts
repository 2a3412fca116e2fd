// Zero-downtime upgrades need migrations that add before they remove: while the previous version still runs, nothing
// it reads may disappear, be renamed or change type, and nothing it writes may become required. A removal ships in a
// later release than the code that stopped using it, listed here with its reason.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const FOLDER = path.resolve(import.meta.dirname, '../migrations');
const BREAKING = [
  /\bDROP\s+(COLUMN|TABLE|VIEW|TYPE|FUNCTION)\b/i,
  /\bRENAME\b/i,
  /\bALTER\s+COLUMN\s+\w+\s+(SET\s+DATA\s+)?TYPE\b/i,
  /\bSET\s+NOT\s+NULL\b/i,
  /\.(dropColumn|dropTable|dropView|dropType|renameColumn|renameTo)\(/,
];
/** Removals shipped once no running version used them: file → why it was safe. None yet. */
const ALLOWED: Record<string, string> = {};

describe('migrations only add', () => {
  it('no migration drops, renames, retypes or newly requires what the previous version uses', () => {
    const found: string[] = [];
    for (const file of readdirSync(FOLDER).filter((f) => f.endsWith('.ts'))) {
      if (ALLOWED[file]) continue;
      // The forward step only: `down` exists for development and is never run against a live installation.
      const up = readFileSync(path.join(FOLDER, file), 'utf8').split(/export\s+async\s+function\s+down/)[0]!;
      for (const rule of BREAKING) for (const m of up.matchAll(new RegExp(rule, rule.flags.includes('g') ? rule.flags : rule.flags + 'g'))) found.push(`${file}: ${m[0]}`);
    }
    expect(found).toEqual([]);
  });

  it('the check recognises a breaking step', () => {
    const sample = 'await sql`ALTER TABLE appointments DROP COLUMN reason`.execute(db); await db.schema.alterTable("x").renameColumn("a", "b")';
    expect(BREAKING.filter((r) => r.test(sample)).length).toBe(2);
  });
});
