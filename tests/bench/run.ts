/**
 * `npm run bench [-- --json] [-- --count N]`: the figures the issues ask for, measured side by
 * side in one run on a demo case file. With --json the last line is one JSON object.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DossierImport } from '../../shared/domain/dossier';
import { registerBlob, type RegisterBlobArgs } from '../../electron/core/blobs/register';
import { keyIdFile } from '../../electron/core/db/key-store';
import { generateDemo } from '../../electron/core/demo/generate';
import { dispatch } from '../../electron/core/dispatch';
import { importDossiers, writeDossier } from '../../electron/core/dossiers/import';
import { mutationCall, runMutations } from '../../electron/core/mutations';
import { openSession, type Session } from '../../electron/core/session';
import { benchAnnotations } from './annotations';
import { benchBulk } from './bulk';
import { benchCipher } from './cipher';
import { benchDecisions } from './decisions';
import { benchExports } from './exports';
import { benchSync } from './sync';
import { median, percentile, round, timeRuns } from './stats';
import { measureUi } from './ui';
import { openCaseFileDb } from '../fixtures/case-file-db';
import { callHost, runUntilReady, stop, type Served } from '../integration/relais-process';

const { values: options } = parseArgs({
  options: { json: { type: 'boolean', default: false }, count: { type: 'string', default: '20000' } },
});
const count = Number(options.count);
const log = (line: string) => process.stderr.write(`${line}\n`);
const work = mkdtempSync(path.join(os.tmpdir(), 'relais-bench-'));

/** What the benchmark imports: the demo's dossiers and blobs, read back from its case file. */
function readDemo(dataDir: string): { dossiers: DossierImport[]; blobs: RegisterBlobArgs[] } {
  const db = openCaseFileDb(dataDir, { readonly: true });
  try {
    const dossiers = db
      .prepare<[], string>('SELECT json FROM dossier_source ORDER BY dossier_seq')
      .pluck()
      .all()
      .map((json) => JSON.parse(json) as DossierImport);
    const pages = db.prepare<[string], string>('SELECT text FROM blob_text_fts WHERE sha256 = ? ORDER BY page').pluck();
    const blobs = db
      .prepare<[], { sha256: string; sizeBytes: number; mimeType: string; textStatus: RegisterBlobArgs['textStatus']; pageCount: number | null }>(
        'SELECT sha256, size_bytes AS sizeBytes, mime_type AS mimeType, text_status AS textStatus, page_count AS pageCount FROM blob',
      )
      .all()
      .map((blob) => ({ ...blob, pages: pages.all(blob.sha256) }));
    return { dossiers, blobs };
  } finally {
    db.close();
  }
}

/** A fresh case file holding the demo's blobs, ready for dossiers. */
function freshCaseFile(name: string, demoDir: string, blobs: RegisterBlobArgs[]): Session {
  const dataDir = path.join(work, name);
  // The blobs are sealed with the demo's key: the fresh case file takes the same one.
  cpSync(path.join(demoDir, 'blobs'), path.join(dataDir, 'blobs'), { recursive: true });
  cpSync(keyIdFile(demoDir), keyIdFile(dataDir));
  const session = openSession({ dataDir, host: 'cli', create: true });
  runMutations(session.ctx, blobs.map((blob) => mutationCall(registerBlob, blob)));
  return session;
}

function rowsPerSecond(rows: number, run: () => void): number {
  const start = performance.now();
  run();
  return rows / ((performance.now() - start) / 1000);
}

async function call(session: Session, channel: string, args: unknown): Promise<unknown> {
  const envelope = await dispatch(session.handlers, channel, args, { validateResults: false });
  if (!envelope.ok) throw new Error(`${channel}: ${JSON.stringify(envelope.error)}`);
  return envelope.result;
}

/** First pages of 50, each sorted on another column and filtered on another criterion. */
function listQueries(regionCodes: string[]): unknown[] {
  const sorts = ['number', 'demandeur', 'projet', 'territoire', 'montant', 'etat', 'echeance'] as const;
  const filters = [
    { states: ['en_instruction'] },
    { regionCodes: [regionCodes[0]] },
    { dueWithinDays: 30 },
    { volets: [2] },
    { states: ['en_construction', 'en_instruction'], regionCodes: regionCodes.slice(0, 3) },
  ];
  return sorts.flatMap((column, i) =>
    filters.map((filter, j) => ({ filters: filter, sort: { column, direction: (i + j) % 2 ? 'desc' : 'asc' }, limit: 50 })),
  );
}

/** Words in the form fields, company names, communes and the pieces' text. */
const SEARCH_WORDS = ['compresseur', 'chaudiere biomasse', 'photovoltaique', 'recyclage', 'hydrogene', 'usinage', 'Lyon', 'Kbis', 'four electrique', 'pompe a chaleur', 'decarbonation', 'emplois'];

interface Host extends Served {
  /** From the spawn until the host answered its first list page. */
  startupMs: number;
}

/** Runs the browser host as a user would (`relais serve`), hands it to `use`, then stops it. */
async function withHost<T>(dataDir: string, use: (host: Host) => Promise<T>): Promise<T> {
  const started = performance.now();
  const served = await runUntilReady(['serve', '--data', dataDir, '--port', '0']);
  try {
    await post(served, 'dossiers.list', { limit: 50 });
    return await use({ ...served, startupMs: performance.now() - started });
  } finally {
    await stop(served.child, 'SIGTERM');
  }
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
}

/** Typed into the desk's search box: what an instructor looks for. */
const UI_SEARCH_WORDS = ['chaudiere', 'recyclage', 'Lyon', 'hydrogene', 'usinage'];

/** A dossier with the demo's 50-page technical file, for the viewer figure. */
function longPiece(dossiers: DossierImport[], blobs: RegisterBlobArgs[]) {
  const long = new Set(blobs.filter((blob) => blob.pageCount === 50).map((blob) => blob.sha256));
  for (const dossier of dossiers) {
    const piece = dossier.pieces.find((candidate) => long.has(candidate.sha256));
    if (piece) return { dossierId: dossier.id, name: piece.name, pageCount: 50 };
  }
  throw new Error('the demo case file has no 50-page piece');
}

async function post(host: Served, channel: string, args: unknown): Promise<unknown> {
  const envelope = (await (await callHost(host, channel, args)).json()) as { ok: boolean; result?: unknown; error?: unknown };
  if (!envelope.ok) throw new Error(`${channel}: ${JSON.stringify(envelope.error)}`);
  return envelope.result;
}

async function main(): Promise<void> {
  const figures: Record<string, number> = { dossiers: count };
  const demoDir = path.join(work, 'demo');

  log(`Generating ${count} demo dossiers…`);
  const demo = await generateDemo({ dataDir: demoDir, count, seed: 1 });
  figures.demo_generate_s = round(demo.elapsedMs / 1000, 1);
  figures.case_file_mb = round(demo.bytes / 1024 / 1024, 1);
  const { dossiers, blobs } = readDemo(demoDir);

  log('Import through the mutation path, then the same rows through plain prepared inserts…');
  const imported = freshCaseFile('import', demoDir, blobs);
  figures.import_rows_per_s = Math.round(rowsPerSecond(dossiers.length, () => importDossiers(imported.ctx, dossiers)));
  const raw = freshCaseFile('raw', demoDir, blobs);
  figures.raw_insert_rows_per_s = Math.round(
    rowsPerSecond(dossiers.length, () => raw.ctx.db.transaction(() => dossiers.forEach((d) => writeDossier(raw.ctx.db, d, false)))()),
  );
  raw.close();
  figures.import_to_raw_ratio = round(figures.import_rows_per_s / figures.raw_insert_rows_per_s);

  log('List, search and open through the contract…');
  const facets = (await call(imported, 'dossiers.facets', {})) as { regions: { code: string }[] };
  const queries = listQueries(facets.regions.map((r) => r.code));
  const list = await timeRuns(queries.length * 6, (i) => call(imported, 'dossiers.list', queries[i % queries.length]));
  figures.list_p95_ms = round(percentile(list, 95));
  figures.list_median_ms = round(median(list));
  const search = await timeRuns(SEARCH_WORDS.length * 15, (i) =>
    call(imported, 'dossiers.list', { filters: { query: SEARCH_WORDS[i % SEARCH_WORDS.length] }, limit: 50 }),
  );
  figures.search_p95_ms = round(percentile(search, 95));
  figures.search_median_ms = round(median(search));
  const open = await timeRuns(300, (i) => call(imported, 'dossiers.get', { id: dossiers[(i * 7919) % dossiers.length]!.id }));
  figures.open_p95_ms = round(percentile(open, 95));
  figures.open_median_ms = round(median(open));
  Object.assign(figures, await benchExports(imported));
  Object.assign(figures, await benchAnnotations(imported));
  Object.assign(figures, await benchBulk(imported));
  Object.assign(figures, await benchDecisions(imported));
  log('Encryption at rest: the same case file keyed and plain…');
  Object.assign(figures, await benchCipher(imported, work));
  imported.close();
  Object.assign(figures, await benchSync(work, log));

  log('Browser host: start until the first list page, and its memory once used…');
  const served: Array<{ startupMs: number; rssMb: number }> = [];
  for (let run = 0; run < 3; run++) {
    served.push(
      await withHost(demoDir, async (host) => {
        for (let i = 0; i < 60; i++) {
          await post(host, 'dossiers.list', queries[i % queries.length]);
          await post(host, 'dossiers.list', { filters: { query: SEARCH_WORDS[i % SEARCH_WORDS.length] }, limit: 50 });
          await post(host, 'dossiers.get', { id: dossiers[(i * 104_729) % dossiers.length]!.id });
        }
        return { startupMs: host.startupMs, rssMb: rssMb(host.child.pid!) };
      }),
    );
  }
  figures.startup_ms = Math.round(median(served.map((s) => s.startupMs)));
  figures.rss_mb = round(Math.max(...served.map((s) => s.rssMb)), 1);

  log('The desk in Chromium: search results after typing stops, a 50-page piece after its click…');
  const ui = await withHost(demoDir, (host) => measureUi(`${host.origin}?token=${host.token}`, UI_SEARCH_WORDS, longPiece(dossiers, blobs), 3));
  figures.ui_search_shown_median_ms = Math.round(median(ui.searchShownMs));
  figures.ui_search_shown_p95_ms = Math.round(percentile(ui.searchShownMs, 95));
  figures.pdf_50_pages_open_median_ms = Math.round(median(ui.pdf50OpenMs));

  for (const [name, value] of Object.entries(figures)) log(`${name.padEnd(30)} ${value}`);
  if (options.json) process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main()
  .catch((error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  })
  .finally(() => rmSync(work, { recursive: true, force: true }));
