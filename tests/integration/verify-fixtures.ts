/**
 * Signed PDFs made by another tool than Relais: poppler's `pdfsig` signs (adbe.pkcs7.detached,
 * through NSS) with the test PKI's keys; tests/fixtures/pdfsig.ts reads its verdicts back.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { nssDatabaseTrusting, TEST_P12_PASSWORD, type TestIdentity, type TestPki } from '../fixtures/pki';

/** A one-page PDF with a line of text, not signed. */
export async function unsignedPdf(text = 'Arrêté n° 2026-042 portant attribution de subvention'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(text, { x: 50, y: 780, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}

export interface PdfsigSigner {
  /** The NSS database trusting the test root CA and holding the signers' keys. */
  nssDir: string;
  /** Signs with `identity` (imported into the database beforehand) as an incremental update. */
  sign(pdf: Uint8Array, identity: TestIdentity, reason?: string): Uint8Array;
  cleanup(): void;
}

export function pdfsigSigner(pki: TestPki, identities: readonly TestIdentity[]): PdfsigSigner {
  const nssDir = nssDatabaseTrusting(pki.ca.certPem);
  const work = mkdtempSync(path.join(os.tmpdir(), 'relais-pdfsig-'));
  for (const identity of identities) {
    execFileSync('pk12util', ['-i', identity.p12Path, '-d', `sql:${nssDir}`, '-W', TEST_P12_PASSWORD, '-K', ''], { stdio: 'pipe' });
  }
  let count = 0;
  return {
    nssDir,
    sign(pdf, identity, reason = 'Décision') {
      const input = path.join(work, `in-${++count}.pdf`);
      const output = path.join(work, `out-${count}.pdf`);
      writeFileSync(input, pdf);
      const args = [input, output, '-add-signature', '-nssdir', `sql:${nssDir}`, '-nick', identity.commonName, '-digest', 'SHA256', '-reason', reason];
      // pdfsig 22.12 sizes the signature's room from a trial signature, and now and then the real one
      // does not fit ("unable update signature"): a new try fits.
      for (let attempt = 1; ; attempt++) {
        const run = spawnSync('pdfsig', args, { encoding: 'utf8' });
        if (run.status === 0) return new Uint8Array(readFileSync(output));
        if (attempt === 5) throw new Error(`pdfsig could not sign: ${run.stderr}`);
      }
    },
    cleanup() {
      rmSync(work, { recursive: true, force: true });
      rmSync(nssDir, { recursive: true, force: true });
    },
  };
}

/** A copy of `pdf` with the byte at `offset` changed (its lowest bit flipped). */
export function withByteFlipped(pdf: Uint8Array, offset: number): Uint8Array {
  const copy = new Uint8Array(pdf);
  copy[offset] = copy[offset]! ^ 0x01;
  return copy;
}

/** A copy of `pdf` with the hex digit at `offset` (in a signature value) replaced by the next one, so it stays hex. */
export function withHexDigitChanged(pdf: Uint8Array, offset: number): Uint8Array {
  const digit = Number.parseInt(String.fromCharCode(pdf[offset]!), 16);
  if (Number.isNaN(digit)) throw new Error(`byte ${offset} is not a hex digit`);
  const copy = new Uint8Array(pdf);
  copy[offset] = ((digit + 1) % 16).toString(16).charCodeAt(0);
  return copy;
}

/** The ByteRange of every signature, in file order. */
export function byteRanges(pdf: Uint8Array): number[][] {
  const text = Buffer.from(pdf).toString('latin1');
  return [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].map((match) => match.slice(1, 5).map(Number));
}
