// Telling formats apart by their first bytes, including the HEIF family's brands and files that only look similar.
import { describe, expect, it } from 'vitest';
import { sniffImage } from './sniff.ts';

/** An ISO base media file's opening `ftyp` box with the given major and compatible brands. */
function ftyp(major: string, ...compatible: string[]): Buffer {
  const size = 16 + 4 * compatible.length;
  const box = Buffer.alloc(size + 16);
  box.writeUInt32BE(size, 0);
  box.write('ftyp', 4, 'latin1');
  box.write(major, 8, 'latin1');
  compatible.forEach((brand, i) => box.write(brand, 16 + 4 * i, 'latin1'));
  return box;
}

describe('sniffing a file by its content', () => {
  it('tells HEVC HEIC, AVIF and generic HEIF apart by their brands', () => {
    expect(sniffImage(ftyp('heic', 'mif1', 'heic'))).toBe('heic');
    expect(sniffImage(ftyp('mif1', 'mif1', 'heic'))).toBe('heic');
    expect(sniffImage(ftyp('avif', 'mif1', 'avif', 'miaf'))).toBe('avif');
    expect(sniffImage(ftyp('mif1', 'mif1', 'miaf'))).toBe('heif');
  });

  it('an MP4 or MOV video is not a picture', () => {
    expect(sniffImage(ftyp('isom', 'isom', 'iso2', 'mp41'))).toBeUndefined();
    expect(sniffImage(ftyp('qt  ', 'qt  '))).toBeUndefined();
  });

  it('a few bytes, text and a PDF are not pictures; a BMP is a picture we do not take', () => {
    expect(sniffImage(Buffer.from([0xff, 0xd8]))).toBeUndefined();
    expect(sniffImage(Buffer.from('Hei, dette er ikke et bilde'))).toBeUndefined();
    expect(sniffImage(Buffer.from('%PDF-1.7\n'))).toBeUndefined();
    const bmp = Buffer.alloc(60);
    bmp.write('BM', 0, 'latin1');
    expect(sniffImage(bmp)).toBe('other-image');
  });
});
