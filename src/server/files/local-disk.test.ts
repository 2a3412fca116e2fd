// The local-disk store: files under one root, whole or not at all, deleted for real, and no key outside the root.
import { mkdtemp, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalDiskStore } from './local-disk.ts';
import { createFileStore, InvalidFileKeyError } from './store.ts';

let root: string;
let store: LocalDiskStore;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'nettlege-files-'));
  store = new LocalDiskStore(root);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('local-disk file store', () => {
  it('stores, reads, tells existence and deletes a file', async () => {
    const key = 'econsult/0b6c2f3e-5d1a-4c1e-9d8f-1a2b3c4d5e6f/7c9e6679-7425-40de-944b-e07fc1f90ae7.jpg';
    expect(await store.exists(key)).toBe(false);
    expect(await store.get(key)).toBeUndefined();

    await store.put(key, Buffer.from('jpeg bytes'), 'image/jpeg');
    expect(await store.exists(key)).toBe(true);
    expect((await store.get(key))?.toString()).toBe('jpeg bytes');

    await store.delete(key);
    expect(await store.exists(key)).toBe(false);
    expect(await store.get(key)).toBeUndefined();
    await expect(stat(path.join(root, ...key.split('/')))).rejects.toMatchObject({ code: 'ENOENT' });
    await store.delete(key); // a second delete is no error
  });

  it('a file is readable by the server user only, and no temporary file is left behind', async () => {
    await store.put('a/photo.jpg', Buffer.from('x'), 'image/jpeg');
    expect(await readdir(path.join(root, 'a'))).toEqual(['photo.jpg']);
    expect((await stat(path.join(root, 'a', 'photo.jpg'))).mode & 0o777).toBe(0o600);
  });

  it('a reader sees the old file or the whole new one, never part of one', async () => {
    const before = Buffer.alloc(1024 * 1024, 'a');
    const after = Buffer.alloc(8 * 1024 * 1024, 'b');
    await store.put('a/photo.jpg', before, 'image/jpeg');
    const writing = store.put('a/photo.jpg', after, 'image/jpeg');
    for (let i = 0; i < 20; i++) {
      const read = await store.get('a/photo.jpg');
      expect(read?.equals(before) || read?.equals(after)).toBe(true);
    }
    await writing;
    expect((await store.get('a/photo.jpg'))?.equals(after)).toBe(true);
  });

  it('a write that fails leaves no file under the name and no temporary file', async () => {
    await mkdir(path.join(root, 'a', 'photo.jpg'), { recursive: true }); // the name is taken by a directory: rename fails
    await expect(store.put('a/photo.jpg', Buffer.from('x'), 'image/jpeg')).rejects.toThrow();
    expect(await readdir(path.join(root, 'a'))).toEqual(['photo.jpg']);
    expect(await store.exists('a/photo.jpg')).toBe(false);
  });

  it('refuses keys that could leave the root or name hidden files', async () => {
    const bad = ['', '../escape.jpg', 'a/../../escape.jpg', '/etc/passwd', 'a//b.jpg', 'a/', '.hidden', 'a/.b.jpg.tmp', 'a\\b.jpg', 'a b.jpg', 'æøå.jpg', 'a/./b', 'x'.repeat(513)];
    for (const key of bad) {
      await expect(store.put(key, Buffer.from('x'), 'image/jpeg'), key).rejects.toBeInstanceOf(InvalidFileKeyError);
      await expect(store.get(key), key).rejects.toBeInstanceOf(InvalidFileKeyError);
      await expect(store.delete(key), key).rejects.toBeInstanceOf(InvalidFileKeyError);
      await expect(store.exists(key), key).rejects.toBeInstanceOf(InvalidFileKeyError);
    }
    expect(await readdir(root)).toEqual([]);
  });

  it('is what createFileStore gives for FILE_STORE=local', async () => {
    const made = createFileStore({ store: 'local', localDir: root }, pino({ level: 'silent' }));
    expect(made.kind).toBe('local');
    await made.put('k.jpg', Buffer.from('y'), 'image/jpeg');
    expect((await store.get('k.jpg'))?.toString()).toBe('y');
  });
});
