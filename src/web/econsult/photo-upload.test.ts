// A photo is sent as its own bytes; what it is, the server decides by the content.
import { describe, expect, it } from 'vitest';
import { photoContentType, photosPath } from './photo-upload.ts';

describe('a photo upload', () => {
  it('says an image is its own type, and anything else (or nothing) is plain bytes', () => {
    expect(photoContentType({ type: 'image/heic' })).toBe('image/heic');
    expect(photoContentType({ type: '' })).toBe('application/octet-stream');
    expect(photoContentType({ type: 'text/plain' })).toBe('application/octet-stream');
  });

  it('goes to the case it belongs to', () => {
    expect(photosPath('a/b')).toBe('/api/econsult/cases/a%2Fb/photos');
  });
});
