import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEALED_OVERHEAD_BYTES } from '../../electron/core/blobs/blob-cipher';
import { BlobStore } from '../../electron/core/blobs/store';
import { CASE_FILE_KEY_BYTES } from '../../electron/core/db/cipher';
import { RelaisError } from '../../shared/errors';
import { relaisErrorOf } from './fixtures/relais-error';

let dataDir: string;
let store: BlobStore;
const key = randomBytes(CASE_FILE_KEY_BYTES);

beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'relais-blobs-'));
  store = new BlobStore(dataDir, key);
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));


const bytes = Buffer.from('%PDF-1.7 devis chaudière biomasse', 'utf8');
const sha256 = createHash('sha256').update(bytes).digest('hex');

describe('BlobStore', () => {
  it('stores bytes sealed under blobs/<first 2 hex>/<sha256> and reads them back', () => {
    expect(store.put(bytes)).toEqual({ sha256, sizeBytes: bytes.length });
    const file = path.join(dataDir, 'blobs', sha256.slice(0, 2), sha256);
    expect(readFileSync(file).includes('chaudière')).toBe(false);
    expect(readFileSync(file).length).toBe(bytes.length + SEALED_OVERHEAD_BYTES);
    expect(store.has(sha256)).toBe(true);
    expect(store.read(sha256)).toEqual(bytes);
  });

  it('keeps an intact existing blob untouched and leaves no temporary file', () => {
    store.put(bytes);
    const file = path.join(dataDir, 'blobs', sha256.slice(0, 2), sha256);
    const before = statSync(file);
    store.put(Uint8Array.from(bytes));
    const after = statSync(file);
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(readdirSync(path.dirname(file))).toEqual([sha256]);
  });

  it('refuses a damaged blob on read and repairs it on the next put', () => {
    store.put(bytes);
    const file = path.join(dataDir, 'blobs', sha256.slice(0, 2), sha256);
    writeFileSync(file, 'tampered');
    const error = relaisErrorOf(() => store.read(sha256, 'devis.pdf'));
    expect(error.code).toBe('piece_unreadable');
    expect(error.params).toEqual({ name: 'devis.pdf' });
    store.put(bytes);
    expect(store.read(sha256)).toEqual(bytes);
  });

  it('reports a missing blob as unreadable', () => {
    const missing = 'a'.repeat(64);
    expect(store.has(missing)).toBe(false);
    expect(relaisErrorOf(() => store.read(missing)).code).toBe('piece_unreadable');
  });

  it('never turns an outside name into a path', () => {
    for (const name of ['../../relais.sqlite', '/etc/passwd', sha256.toUpperCase(), `${sha256}/..`, '']) {
      const error = relaisErrorOf(() => store.read(name));
      expect(error.code).toBe('invalid_arguments');
      expect(error.issues[0]?.path).toBe('sha256');
      expect(() => store.has(name)).toThrow(RelaisError);
    }
  });

  it('stores the empty file too', () => {
    const empty = store.put(new Uint8Array());
    expect(empty.sizeBytes).toBe(0);
    expect(store.read(empty.sha256).length).toBe(0);
  });

  it('reads nothing with another key, nor a sealed file moved under another name', () => {
    store.put(bytes);
    expect(relaisErrorOf(() => new BlobStore(dataDir, randomBytes(CASE_FILE_KEY_BYTES)).read(sha256)).code).toBe('piece_unreadable');
    const other = store.put(Buffer.from('autre pièce'));
    const file = (hash: string) => path.join(dataDir, 'blobs', hash.slice(0, 2), hash);
    writeFileSync(file(other.sha256), readFileSync(file(sha256)));
    expect(relaisErrorOf(() => store.read(other.sha256)).code).toBe('piece_unreadable');
  });

  it('seals the plain blobs an earlier Relais stored, and only those', () => {
    const file = path.join(dataDir, 'blobs', sha256.slice(0, 2), sha256);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    const sealedAlready = store.put(Buffer.from('déjà scellée'));
    expect(store.sealPlainFiles()).toBe(1);
    expect(readFileSync(file).includes('chaudière')).toBe(false);
    expect(store.read(sha256)).toEqual(bytes);
    expect(store.read(sealedAlready.sha256).toString()).toBe('déjà scellée');
    expect(store.sealPlainFiles()).toBe(0);
  });
});
