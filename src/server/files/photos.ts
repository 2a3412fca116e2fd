// A patient's photo made safe to keep: checked by content, oriented, downscaled and re-encoded as a JPEG with no
// metadata (no GPS position, no camera, no time), plus a thumbnail. Anything else is refused with a reason.
import { createHash } from 'node:crypto';
import sharp, { type FormatEnum, type Metadata, type SharpOptions } from 'sharp';
import { sniffImage, type SniffedFormat } from './sniff.ts';

/** The largest upload taken, checked before anything is decoded. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** Width × height. A few kilobytes of PNG can declare gigapixels (a decompression bomb); 100 MP is above any phone's default. */
export const MAX_PHOTO_PIXELS = 100_000_000;
/** Longest side of the kept image: plenty for a clinician to judge a rash, a fraction of a 48 MP original. */
export const MAX_PHOTO_SIDE = 2560;
export const THUMBNAIL_SIDE = 320;

export type PhotoRejectReason = 'too-large' | 'not-an-image' | 'unsupported-format' | 'heic-not-supported' | 'corrupt' | 'too-many-pixels';

const MESSAGES: Record<PhotoRejectReason, string> = {
  'too-large': `The photo is larger than ${MAX_PHOTO_BYTES / 1024 / 1024} MB`,
  'not-an-image': 'The file is not a picture',
  'unsupported-format': 'The picture is not a JPEG, PNG or HEIF/AVIF',
  'heic-not-supported': 'The picture is HEVC-coded HEIC, which this server cannot decode',
  corrupt: 'The picture is damaged or incomplete',
  'too-many-pixels': `The picture has more than ${MAX_PHOTO_PIXELS / 1_000_000} million pixels`,
};

export class PhotoRejectedError extends Error {
  readonly reason: PhotoRejectReason;

  constructor(reason: PhotoRejectReason, cause?: unknown) {
    super(MESSAGES[reason], cause === undefined ? undefined : { cause });
    this.name = 'PhotoRejectedError';
    this.reason = reason;
  }
}

export interface ProcessedPhoto {
  image: Buffer;
  thumbnail: Buffer;
  contentType: 'image/jpeg';
  width: number;
  height: number;
  thumbWidth: number;
  thumbHeight: number;
  /** Hex SHA-256 of `image` (the stored bytes, not the upload). */
  sha256: string;
}

const EXPECTED_FORMAT: Record<Exclude<SniffedFormat, 'other-image'>, keyof FormatEnum> = {
  jpeg: 'jpeg',
  png: 'png',
  heic: 'heif',
  avif: 'heif',
  heif: 'heif',
};

// 'error' refuses truncated and broken pixel data but not the harmless warnings some cameras' JPEGs raise.
const INPUT: SharpOptions = { failOn: 'error', limitInputPixels: MAX_PHOTO_PIXELS };

// Two photos at a time: sharp runs on libuv's small thread pool, which file and crypto work share, on a 2-core machine.
const MAX_AT_ONCE = 2;
let running = 0;
const waiting: Array<() => void> = [];

async function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  if (running < MAX_AT_ONCE) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await task();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** Checks, orients, downscales and re-encodes a photo; throws PhotoRejectedError for anything it will not keep. */
export async function processPhoto(bytes: Buffer): Promise<ProcessedPhoto> {
  if (bytes.length > MAX_PHOTO_BYTES) throw new PhotoRejectedError('too-large');
  const format = sniffImage(bytes);
  if (format === undefined) throw new PhotoRejectedError('not-an-image');
  if (format === 'other-image') throw new PhotoRejectedError('unsupported-format');
  return oneAtATime(() => reencode(bytes, format));
}

async function reencode(bytes: Buffer, format: Exclude<SniffedFormat, 'other-image'>): Promise<ProcessedPhoto> {
  const decodeFailure = (err: unknown) => new PhotoRejectedError(failureReason(err, format), err);
  let meta: Metadata;
  try {
    meta = await sharp(bytes, INPUT).metadata();
  } catch (err) {
    throw decodeFailure(err);
  }
  if (meta.format !== EXPECTED_FORMAT[format]) throw new PhotoRejectedError('corrupt');
  // libvips reads an HEVC file's header but the prebuilt one has no HEVC decoder (patents): refuse before decoding.
  if (meta.format === 'heif' && meta.compression !== 'av1') throw new PhotoRejectedError('heic-not-supported');
  if (meta.width * meta.height > MAX_PHOTO_PIXELS) throw new PhotoRejectedError('too-many-pixels');

  try {
    const main = await sharp(bytes, INPUT)
      .rotate() // applies the EXIF orientation; the tag itself goes with the rest of the metadata
      .resize({ width: MAX_PHOTO_SIDE, height: MAX_PHOTO_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' }) // a transparent PNG would otherwise turn black
      .jpeg({ quality: 85 }) // no withMetadata/keepExif: sharp writes no EXIF, XMP, IPTC or ICC, and converts to sRGB
      .toBuffer({ resolveWithObject: true });
    const thumb = await sharp(main.data)
      .resize({ width: THUMBNAIL_SIDE, height: THUMBNAIL_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return {
      image: main.data,
      thumbnail: thumb.data,
      contentType: 'image/jpeg',
      width: main.info.width,
      height: main.info.height,
      thumbWidth: thumb.info.width,
      thumbHeight: thumb.info.height,
      sha256: createHash('sha256').update(main.data).digest('hex'),
    };
  } catch (err) {
    throw decodeFailure(err);
  }
}

function failureReason(err: unknown, format: SniffedFormat): PhotoRejectReason {
  const message = err instanceof Error ? err.message : '';
  // sharp checks limitInputPixels against the header, so a bomb is refused before its pixels are inflated.
  if (/pixel limit/i.test(message)) return 'too-many-pixels';
  if (format === 'heic' && /HEVC|compression format/i.test(message)) return 'heic-not-supported';
  return 'corrupt';
}
