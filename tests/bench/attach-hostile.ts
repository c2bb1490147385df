/**
 * `npx tsx tests/bench/attach-hostile.ts [--times N]`: every hostile file of tests/fixtures/hostile
 * attached N times (default 20) through the contract on one case file, as the suite does once:
 * prints, for each, the outcome every time (it must not vary), the median and slowest answer, and
 * checks `PRAGMA integrity_check` after every attempt. Exit 1 if anything did not hold.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AttachResult } from '../../shared/channels/pieces';
import { dispatch } from '../../electron/core/dispatch';
import { importDossiers } from '../../electron/core/dossiers/import';
import { openSession } from '../../electron/core/session';
import * as hostile from '../fixtures/hostile';
import { makeDossier } from '../integration/fixtures/core-dossiers';
import { median, round } from './stats';

const { values } = parseArgs({ options: { times: { type: 'string', default: '20' } } });
const times = Number(values.times);

/** A name as a table can show it: quoted, with its hidden characters as \\u escapes. */
const visible = (name: string) => JSON.stringify(name).replace(/[\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

async function main(): Promise<void> {
  const cases: Array<[string, string, Buffer]> = [
    ['readable PDF', 'devis.pdf', await hostile.textPdf()],
    ['truncated PDF', 'tronqué.pdf', await hostile.truncatedPdf()],
    ['broken xref table', 'xref.pdf', await hostile.brokenXrefPdf()],
    ['password-protected PDF', 'protégé.pdf', await hostile.encryptedPdf()],
    ['JavaScript and launch action', 'script.pdf', await hostile.activeContentPdf()],
    ['5,000-page PDF', '5000.pdf', hostile.manyPagesPdf(5_000)],
    ['decompression bomb (300 MB)', 'bombe.pdf', await hostile.decompressionBombPdf(300)],
    ['garbage after a PDF header', 'illisible.pdf', hostile.garbagePdf()],
    ['ZIP named .pdf', 'rapport.pdf', hostile.notAPdf()],
    ['empty file', 'vide.pdf', Buffer.alloc(0)],
    ['pixel bomb PNG (10^10 px)', 'plan.png', hostile.pixelBombPng()],
    ...hostile.HOSTILE_NAMES.map((name): [string, string, Buffer] => [`name ${visible(name)}`, name, Buffer.from('%PDF-1.7')]),
  ];
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'relais-attach-bench-'));
  const session = openSession({ dataDir, host: 'cli', create: true });
  let failed = false;
  try {
    const dossier = makeDossier({ number: 901, raisonSociale: 'Fonderie Martin' });
    importDossiers(session.ctx, [dossier]);
    console.log(`| File | Outcome (${times} times) | Median | Slowest | Integrity |`);
    console.log('| --- | --- | --- | --- | --- |');
    for (const [label, name, bytes] of cases) {
      const outcomes = new Set<string>();
      const durations: number[] = [];
      let intact = 0;
      for (let i = 0; i < times; i++) {
        const started = performance.now();
        const envelope = await dispatch(session.handlers, 'pieces.attach', { dossierId: dossier.id, name, base64: bytes.toString('base64') });
        durations.push(performance.now() - started);
        const notices = envelope.ok ? (envelope.result as AttachResult).notices : [];
        outcomes.add(envelope.ok ? `accepted${notices.length ? ` (${notices.join(', ')})` : ''}` : envelope.error.code);
        if (session.ctx.db.pragma('integrity_check', { simple: true }) === 'ok') intact += 1;
      }
      const slowest = Math.max(...durations);
      failed ||= outcomes.size !== 1 || intact !== times || slowest >= 10_000;
      console.log(`| ${label} | ${[...outcomes].join(' / ')} | ${round(median(durations) / 1000, 2)} s | ${round(slowest / 1000, 2)} s | ${intact}/${times} ok |`);
    }
  } finally {
    session.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

void main();
