import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerBlob, type RegisterBlobArgs } from '../../electron/core/blobs/register';
import { runMutation } from '../../electron/core/mutations';
import { RelaisError } from '../../shared/errors';
import { createTestContext, type TestContext } from './fixtures/core-context';

let test: TestContext;
beforeEach(() => {
  test = createTestContext();
});
afterEach(() => test.dispose());

function stored(text: string): Pick<RegisterBlobArgs, 'sha256' | 'sizeBytes'> {
  return test.ctx.blobs.put(Buffer.from(`%PDF-1.7 ${text}`));
}

function count(sql: string): number {
  return (test.ctx.db.prepare(sql).pluck().get() as number) ?? 0;
}

describe("'blob.register'", () => {
  it('inserts the blob row and one searchable row per page of text', () => {
    const blob = stored('devis');
    runMutation(test.ctx, registerBlob, {
      ...blob,
      mimeType: 'application/pdf',
      textStatus: 'indexed',
      pageCount: 3,
      pages: ['Devis chaudière biomasse', '', 'Total TTC 412 000 €'],
    });
    expect(test.ctx.db.prepare('SELECT * FROM blob').all()).toEqual([
      { sha256: blob.sha256, size_bytes: blob.sizeBytes, mime_type: 'application/pdf', text_status: 'indexed', page_count: 3 },
    ]);
    const hits = test.ctx.db.prepare("SELECT sha256, page FROM blob_text_fts WHERE blob_text_fts MATCH 'chaudiere'").all();
    expect(hits).toEqual([{ sha256: blob.sha256, page: 1 }]);
    expect(count('SELECT count(*) FROM blob_text_fts')).toBe(2);
  });

  it('journals the registration without the page text, and queues nothing for the hub', () => {
    const blob = stored('kbis');
    runMutation(test.ctx, registerBlob, { ...blob, mimeType: 'application/pdf', textStatus: 'indexed', pageCount: 1, pages: ['Extrait Kbis confidentiel'] });
    const entry = test.ctx.db.prepare('SELECT name, dossier_id, args FROM journal').get() as { name: string; dossier_id: string | null; args: string };
    expect(entry.name).toBe('blob.register');
    expect(entry.dossier_id).toBeNull();
    expect(JSON.parse(entry.args)).toEqual({ ...blob, mimeType: 'application/pdf', textStatus: 'indexed', pageCount: 1, pagesWithText: 1 });
    expect(entry.args).not.toContain('confidentiel');
    expect(count('SELECT count(*) FROM outbox')).toBe(0);
  });

  it('changes nothing when the blob is registered again', () => {
    const blob = stored('plan');
    const args: RegisterBlobArgs = { ...blob, mimeType: 'application/pdf', textStatus: 'indexed', pageCount: 1, pages: ['Plan de financement'] };
    runMutation(test.ctx, registerBlob, args);
    runMutation(test.ctx, registerBlob, args);
    expect(count('SELECT count(*) FROM blob')).toBe(1);
    expect(count('SELECT count(*) FROM blob_text_fts')).toBe(1);
  });

  it('records damaged and non-PDF files with no text', () => {
    const blob = stored('tronqué');
    runMutation(test.ctx, registerBlob, { ...blob, mimeType: 'application/pdf', textStatus: 'unreadable', pageCount: null, pages: [] });
    expect(test.ctx.db.prepare('SELECT text_status, page_count FROM blob').get()).toEqual({ text_status: 'unreadable', page_count: null });
  });

  it('refuses a blob that is not in the store, writing nothing', () => {
    const args: RegisterBlobArgs = { sha256: 'b'.repeat(64), sizeBytes: 1, mimeType: 'application/pdf', textStatus: 'not_pdf', pageCount: null, pages: [] };
    expect(() => runMutation(test.ctx, registerBlob, args)).toThrow(RelaisError);
    expect(count('SELECT count(*) FROM blob') + count('SELECT count(*) FROM journal')).toBe(0);
  });

  it('names the field at fault in invalid arguments', () => {
    try {
      runMutation(test.ctx, registerBlob, { sha256: '../../x', sizeBytes: -1 } as unknown as RegisterBlobArgs);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RelaisError);
      const relais = error as RelaisError;
      expect(relais.code).toBe('invalid_arguments');
      expect(relais.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['sha256', 'sizeBytes']));
    }
  });
});
