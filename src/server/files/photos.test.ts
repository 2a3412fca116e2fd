// Photos are judged by their bytes: real pictures come out as clean JPEGs, everything else is refused with its reason.
import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES, MAX_PHOTO_SIDE, PhotoRejectedError, processPhoto, THUMBNAIL_SIDE, type PhotoRejectReason } from './photos.ts';

const noise = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } });

async function refusal(bytes: Buffer): Promise<PhotoRejectReason> {
  const err = await processPhoto(bytes).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof PhotoRejectedError)) throw new Error(`expected a PhotoRejectedError, got ${String(err)}`);
  return err.reason;
}

/** A PNG that declares its size but carries almost no pixels: what a decompression bomb looks like to a header check. */
function pngDeclaring(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1 + width * 3))), // one row of the many declared
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

// A real HEVC-coded HEIC (64×48, a grid of one tile like the iPhone's 512×512 tiles), made by libheif 1.15's heif-enc with x265.
// sharp cannot make one: its prebuilt libvips has no HEVC codec.
const HEVC_HEIC = Buffer.from(
  'AAAAHGZ0eXBoZWljAAAAAG1pZjFoZWljbWlhZgAAAa1tZXRhAAAAAAAAACFoZGxyAAAAAAAAAABwaWN0AAAAAAAAAAAAAAAAAAAAAA5waXRtAA' +
    'AAAAACAAAAEGlkYXQAAAAAAEAAMAAAADhpbG9jAQAAAERAAAIAAQAAAAAAAAHRAAEAAAAAAAAAHQACAAEAAAAAAAAAAQAAAAAAAAAIAAAAOGlp' +
    'bmYAAAAAAAIAAAAVaW5mZQIAAAEAAQAAaHZjMQAAAAAVaW5mZQIAAAAAAgAAZ3JpZAAAAADYaXBycAAAALZpcGNvAAAAdmh2Y0MBA3AAAAAAAA' +
    'AAAAAe8AD8/fj4AAAPAyAAAQAYQAEMAf//A3AAAAMAkAAAAwAAAwAeugJAIQABACpCAQEDcAAAAwCQAAADAAADAB6gIIEFlurkprm4EBAwIAAA' +
    'AwAgAAADACEiAAEABkQBwXPAiQAAABRpc3BlAAAAAAAAAEAAAABAAAAAFGlzcGUAAAAAAAAAQAAAADAAAAAQcGl4aQAAAAADCAgIAAAAGmlwbW' +
    'EAAAAAAAAAAgABAoECAAICA4QAAAAaaXJlZgAAAAAAAAAOZGltZwACAAEAAQAAACVtZGF0AAAAGSgBrxOA+BDhp//7yKP/uDzw+/Yy/OikM+A=',
  'base64',
);

describe('photos that are kept', () => {
  it('a JPEG is re-encoded as a JPEG with a thumbnail, its size and its hash', async () => {
    const photo = await processPhoto(await noise(800, 600).jpeg().toBuffer());
    expect(photo).toMatchObject({ contentType: 'image/jpeg', width: 800, height: 600, thumbWidth: THUMBNAIL_SIDE, thumbHeight: 240 });
    expect(photo.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await sharp(photo.thumbnail).metadata()).format).toBe('jpeg');
  });

  it('a PNG with transparency becomes a JPEG on white', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const photo = await processPhoto(png);
    const { data } = await sharp(photo.image).raw().toBuffer({ resolveWithObject: true });
    expect((await sharp(photo.image).metadata()).format).toBe('jpeg');
    expect([...data.subarray(0, 3)].every((v) => v > 245)).toBe(true);
  });

  it('an AVIF-coded HEIF, as some Android phones save, is decoded and kept', async () => {
    const avif = await noise(120, 90).heif({ compression: 'av1' }).toBuffer();
    expect(await processPhoto(avif)).toMatchObject({ width: 120, height: 90, contentType: 'image/jpeg' });
  });

  it('the GPS position, camera, XMP and colour profile of the original are all gone', async () => {
    const original = await noise(200, 150)
      .withExif({
        IFD0: { Make: 'TestPhone', Model: 'X1', Artist: 'Kari Nordmann' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '59/1 54/1 4500/100', GPSLongitudeRef: 'E', GPSLongitude: '10/1 45/1 1200/100' },
      })
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>')
      .withIccProfile('p3')
      .jpeg()
      .toBuffer();
    const before = await sharp(original).metadata();
    expect(before.exif?.toString('latin1')).toContain('TestPhone');
    expect(before.xmp).toBeDefined();
    expect(before.icc).toBeDefined();

    const photo = await processPhoto(original);
    for (const bytes of [photo.image, photo.thumbnail]) {
      const after = await sharp(bytes).metadata();
      expect(after).toMatchObject({ format: 'jpeg', space: 'srgb', hasProfile: false });
      expect(after.exif).toBeUndefined();
      expect(after.xmp).toBeUndefined();
      expect(after.iptc).toBeUndefined();
      expect(after.icc).toBeUndefined();
      expect(after.orientation).toBeUndefined();
      expect(bytes.includes('TestPhone')).toBe(false);
      expect(bytes.includes('Nordmann')).toBe(false);
    }
  });

  it('a photo the phone saved sideways (EXIF orientation 6) comes out upright', async () => {
    // 40×20 stored, red left half; orientation 6 means "turn 90° clockwise to show", so red ends up on top.
    const red = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#ff0000' } }).png().toBuffer();
    const sideways = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#0000ff' } })
      .composite([{ input: red, left: 0, top: 0 }])
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 95 })
      .toBuffer();
    expect((await sharp(sideways).metadata()).orientation).toBe(6);

    const photo = await processPhoto(sideways);
    expect([photo.width, photo.height]).toEqual([20, 40]);
    const { data, info } = await sharp(photo.image).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    expect(pixel(10, 5)[0]).toBeGreaterThan(200); // top: red
    expect(pixel(10, 35)[2]).toBeGreaterThan(200); // bottom: blue
  });

  it('a large photo is scaled down to the longest side allowed, a small one is not enlarged', async () => {
    const big = await processPhoto(await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#c08060' } }).jpeg().toBuffer());
    expect([big.width, big.height]).toEqual([MAX_PHOTO_SIDE, 1920]);
    const small = await processPhoto(await noise(100, 50).png().toBuffer());
    expect([small.width, small.height, small.thumbWidth, small.thumbHeight]).toEqual([100, 50, 100, 50]);
  });

  it('many photos at once are all processed (two at a time)', async () => {
    const jpeg = await noise(1000, 800).jpeg().toBuffer();
    const results = await Promise.all(Array.from({ length: 7 }, () => processPhoto(jpeg)));
    expect(new Set(results.map((r) => r.sha256)).size).toBe(1);
  });
});

describe('photos that are refused, with their reason', () => {
  it('a PDF named photo.jpg is not a picture', async () => {
    expect(await refusal(TINY_PDF)).toBe('not-an-image');
  });

  it('random bytes and an empty file are not pictures', async () => {
    const junk = randomBytes(4096);
    junk[0] = 0x42; // never a JPEG/PNG/GIF/BMP signature by chance
    junk[1] = 0x00;
    expect(await refusal(junk)).toBe('not-an-image');
    expect(await refusal(Buffer.alloc(0))).toBe('not-an-image');
  });

  it('a 30 MB file is too large, before anything is decoded', async () => {
    const huge = Buffer.alloc(30 * 1024 * 1024);
    huge.set([0xff, 0xd8, 0xff, 0xe0]); // looks like a JPEG, but size is checked first
    expect(await refusal(huge)).toBe('too-large');
    expect(await refusal(Buffer.alloc(MAX_PHOTO_BYTES + 1))).toBe('too-large');
  });

  it('a JPEG cut off halfway is corrupt', async () => {
    const jpeg = await noise(800, 600).jpeg().toBuffer();
    expect(await refusal(jpeg.subarray(0, jpeg.length >> 1))).toBe('corrupt');
  });

  it('a PNG cut off halfway, or with its header bytes broken, is corrupt', async () => {
    const png = await noise(300, 200).png().toBuffer();
    expect(await refusal(png.subarray(0, png.length >> 1))).toBe('corrupt');
    const broken = Buffer.from(png);
    broken.fill(0x00, 8, 40);
    expect(await refusal(broken)).toBe('corrupt');
  });

  it('GIF, WebP, TIFF and SVG are pictures in a format not taken', async () => {
    const img = noise(50, 40);
    for (const bytes of [await img.clone().gif().toBuffer(), await img.clone().webp().toBuffer(), await img.clone().tiff().toBuffer()]) {
      expect(await refusal(bytes)).toBe('unsupported-format');
    }
    expect(await refusal(Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'))).toBe('unsupported-format');
  });

  it('a PNG declaring 30000×30000 pixels is refused from its header (a decompression bomb)', async () => {
    const bomb = pngDeclaring(30000, 30000);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await refusal(bomb)).toBe('too-many-pixels');
  });

  it('an HEVC-coded HEIC (the iPhone default) is refused with its own reason, so the patient can be told what to do', async () => {
    expect((await sharp(HEVC_HEIC).metadata()).compression).toBe('hevc');
    await expect(sharp(HEVC_HEIC).jpeg().toBuffer()).rejects.toThrow(/HEVC/);
    expect(await refusal(HEVC_HEIC)).toBe('heic-not-supported');
  });

  it('a refusal carries a readable message', async () => {
    await expect(processPhoto(TINY_PDF)).rejects.toThrow('The file is not a picture');
  });
});
