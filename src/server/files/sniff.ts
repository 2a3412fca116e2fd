// What an upload is by its first bytes, never by its name or the browser's Content-Type.

/**
 * `heic`: an HEIF file whose brands say HEVC; `avif`: AV1; `heif`: the generic brands (mif1, msf1), either codec.
 * `other-image`: a picture format we do not take (GIF, WebP, TIFF, BMP, SVG, JPEG XL, JPEG 2000, ICO).
 */
export type SniffedFormat = 'jpeg' | 'png' | 'heic' | 'avif' | 'heif' | 'other-image';

const HEVC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const AV1_BRANDS = new Set(['avif', 'avis']);
const GENERIC_HEIF_BRANDS = new Set(['mif1', 'msf1', 'miaf']);

function startsWith(bytes: Buffer, signature: number[], at = 0): boolean {
  return bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);
}

function ascii(bytes: Buffer, from: number, to: number): string {
  return bytes.subarray(from, to).toString('latin1');
}

/** The brands of an ISO base media file (HEIF, AVIF, MP4, MOV), or undefined when it is not one. */
function isoBrands(bytes: Buffer): string[] | undefined {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return undefined;
  const boxSize = Math.min(bytes.readUInt32BE(0), bytes.length, 4096);
  const brands = [ascii(bytes, 8, 12)];
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(bytes, at, at + 4));
  return brands;
}

function heifKind(brands: string[]): 'heic' | 'avif' | 'heif' | undefined {
  // The major brand decides when it names a codec; compatible brands only when it does not.
  const [major] = brands;
  if (major && HEVC_BRANDS.has(major)) return 'heic';
  if (major && AV1_BRANDS.has(major)) return 'avif';
  if (brands.some((b) => HEVC_BRANDS.has(b))) return 'heic';
  if (brands.some((b) => AV1_BRANDS.has(b))) return 'avif';
  if (brands.some((b) => GENERIC_HEIF_BRANDS.has(b))) return 'heif';
  return undefined;
}

function isOtherImage(bytes: Buffer): boolean {
  return (
    ascii(bytes, 0, 4) === 'GIF8' ||
    (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') ||
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || // TIFF, little-endian
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) || // TIFF, big-endian
    (ascii(bytes, 0, 2) === 'BM' && bytes.length >= 26) ||
    startsWith(bytes, [0xff, 0x0a]) || // JPEG XL codestream
    startsWith(bytes, [0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20]) || // JPEG XL container
    startsWith(bytes, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20]) || // JPEG 2000
    startsWith(bytes, [0x00, 0x00, 0x01, 0x00]) || // ICO
    /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(ascii(bytes, 0, 1024))
  );
}

/** The format the bytes are in, or undefined when they are not a picture at all (a PDF, a video, text, noise). */
export function sniffImage(bytes: Buffer): SniffedFormat | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  const brands = isoBrands(bytes);
  if (brands) return heifKind(brands); // an MP4 or MOV video is no picture
  if (isOtherImage(bytes)) return 'other-image';
  return undefined;
}
