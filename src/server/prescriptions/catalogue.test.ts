// The bundled drug catalogue holds together and has the mix a GP needs; a malformed catalogue is refused at load,
// naming the entry and the problem.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledCatalogue, catalogueFrom, loadDrugCatalogue } from './catalogue.ts';
import { ATC_CODE, type Drug } from './drug.ts';

const all = bundledCatalogue.all();
const count = (keep: (d: Drug) => boolean) => all.filter(keep).length;

const good = (): Record<string, unknown> => ({
  id: 'amoxicillin-500mg-capsule', name: 'amoxicillin', atc: 'J01CA04', form: 'capsule', strength: '500 mg',
  prescriptionClass: 'C', antibiotic: true, hormonalContraceptive: false, blueEligible: false,
});

describe('the bundled catalogue', () => {
  it('holds at least 40 drugs, each with a unique id and a well-formed ATC code', () => {
    expect(all.length).toBeGreaterThanOrEqual(40);
    expect(new Set(all.map((d) => d.id)).size).toBe(all.length);
    for (const d of all) expect(d.atc).toMatch(ATC_CODE);
  });

  it('has the mix a GP prescribes from: antibiotics, contraceptives, narcotics, habit-forming and chronic-disease drugs', () => {
    expect(count((d) => d.antibiotic)).toBeGreaterThanOrEqual(5);
    expect(count((d) => d.hormonalContraceptive)).toBeGreaterThanOrEqual(3);
    expect(count((d) => d.prescriptionClass === 'A')).toBeGreaterThanOrEqual(2);
    expect(count((d) => d.prescriptionClass === 'B')).toBeGreaterThanOrEqual(3);
    expect(count((d) => d.blueEligible)).toBeGreaterThanOrEqual(10);
  });

  it('knows the common drugs by their real ATC codes and classes', () => {
    expect(bundledCatalogue.find('phenoxymethylpenicillin-1g-tablet')).toMatchObject({ atc: 'J01CE02', prescriptionClass: 'C', antibiotic: true });
    expect(bundledCatalogue.find('oxycodone-5mg-capsule')).toMatchObject({ atc: 'N02AA05', prescriptionClass: 'A' });
    expect(bundledCatalogue.find('zopiclone-7-5mg-tablet')).toMatchObject({ atc: 'N05CF01', prescriptionClass: 'B' });
    expect(bundledCatalogue.find('metformin-500mg-tablet')).toMatchObject({ atc: 'A10BA02', blueEligible: true });
    expect(bundledCatalogue.find('no-such-drug')).toBeUndefined();
  });

  it('is searched by name, brand or ATC prefix, whatever the case', () => {
    expect(bundledCatalogue.search('STATIN').map((d) => d.id)).toEqual(['atorvastatin-20mg-tablet', 'simvastatin-20mg-tablet']);
    expect(bundledCatalogue.search('imovane').map((d) => d.id)).toEqual(['zopiclone-7-5mg-tablet']);
    expect(bundledCatalogue.search('j01').length).toBe(count((d) => d.antibiotic));
    expect(bundledCatalogue.search('g03a').every((d) => d.hormonalContraceptive)).toBe(true);
    expect(bundledCatalogue.search('  ')).toEqual([]);
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(all)).toBe(true);
    expect(Object.isFrozen(all[0])).toBe(true);
  });
});

describe('a malformed catalogue', () => {
  it.each([
    ['an ATC code of the wrong shape', { atc: 'J01C' }, /\[0\] \(amoxicillin-500mg-capsule\): atc: "J01C" is not an ATC code/],
    ['an unknown class', { prescriptionClass: 'D' }, /prescriptionClass: "D" is not one of A, B, C, F/],
    ['an antibiotic flag the ATC code contradicts', { antibiotic: false }, /antibiotic: is false, but ATC J01CA04 says true/],
    ['an antibiotic flag on a non-J01 drug', { atc: 'J05AB11', antibiotic: true }, /antibiotic: is true, but ATC J05AB11 says false/],
    ['a contraceptive flag outside G03A', { hormonalContraceptive: true }, /hormonalContraceptive: is true, but ATC J01CA04 says false/],
    ['a missing strength', { strength: '' }, /strength: missing/],
    ['a flag that is not a boolean', { blueEligible: 'yes' }, /blueEligible: must be true or false/],
    ['an id that is not a slug', { id: 'Amoxicillin 500' }, /id: "Amoxicillin 500" is not a lowercase slug/],
    ['a misspelt field', { antibiotc: true }, /antibiotc: not a known field/],
  ])('is refused for %s', (_, change, message) => {
    expect(() => catalogueFrom([{ ...good(), ...change }], 'test')).toThrow(message);
  });

  it('is refused with every problem listed, and an id used twice', () => {
    const run = () => catalogueFrom([good(), { ...good(), atc: 'nope' }, good()], 'test');
    expect(run).toThrow(/The drug catalogue test is not valid:\n {2}\[1\] \(amoxicillin-500mg-capsule\): atc: .*\n {2}\[2\] \(amoxicillin-500mg-capsule\): id appears twice/);
  });

  it('is refused when it is not a list or not JSON', () => {
    expect(() => catalogueFrom({ drugs: [] }, 'test')).toThrow(/not a list of drugs/);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nettlege-catalogue-'));
    try {
      const file = path.join(dir, 'catalogue.json');
      writeFileSync(file, '[{"id": ');
      expect(() => loadDrugCatalogue(file)).toThrow(/cannot be read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts a valid entry', () => {
    expect(catalogueFrom([good()], 'test').find('amoxicillin-500mg-capsule')).toMatchObject({ atc: 'J01CA04' });
  });
});
