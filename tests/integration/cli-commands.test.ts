/** `relais` as a user runs it: a real process, a real case file, exit codes and sentences. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract';
import { openSession } from '../../electron/core/session';
import { relais } from './relais-process';



let tmp: string;
let dataDir: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'relais-cli-'));
  dataDir = path.join(tmp, 'case');
  openSession({ dataDir, host: 'cli', create: true }).close();
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('relais with wrong arguments', () => {
  it('prints the usage and exits 2 when no command is given', () => {
    const { status, stdout, stderr } = relais([], 'en');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: relais');
    for (const command of ['call', 'serve', 'start']) expect(stderr).toContain(command);
  });

  it('prints the usage in French by default', () => {
    const { status, stderr } = relais([], 'fr');
    expect(status).toBe(2);
    expect(stderr).toContain('Utilisation : relais');
    expect(stderr).toContain('Commandes :');
    expect(stderr).toContain('affiche l’aide de la commande');
  });

  it('names an unknown command, prints the usage and exits 2', () => {
    const { status, stderr } = relais(['frobnicate'], 'en');
    expect(status).toBe(2);
    expect(stderr).toContain('Error: there is no command frobnicate.');
    expect(stderr).toContain('Usage: relais');
  });

  it('asks for --data and a channel when call has neither', () => {
    const { status, stderr } = relais(['call'], 'en');
    expect(status).toBe(2);
    expect(stderr).toContain('Give --data and the operation, or --list');
    expect(stderr).toContain('Usage: relais call');
  });

  it('refuses arguments that are not JSON, in the user’s language', () => {
    const english = relais(['call', '--data', dataDir, 'app.info', '{limit: 5'], 'en');
    expect(english.status).toBe(2);
    expect(english.stderr).toContain('The arguments are not valid JSON');
    const french = relais(['call', '--data', dataDir, 'app.info', '{limit: 5'], 'fr');
    expect(french.status).toBe(2);
    expect(french.stderr).toContain('Les arguments ne sont pas du JSON valide');
  });

  it('refuses a serve port that is not a number', () => {
    const { status, stderr } = relais(['serve', '--data', dataDir, '--port', 'eighty'], 'en');
    expect(status).toBe(2);
    expect(stderr).toContain('The port must be a number between 0 and 65535.');
  });
});

describe('relais call', () => {
  it('lists every contract channel with its argument schema', () => {
    const { status, stdout } = relais(['call', '--list'], 'en');
    expect(status).toBe(0);
    type ArgsSchema = { type?: string; anyOf?: ArgsSchema[] };
    const listed = JSON.parse(stdout) as Record<string, { kind: string; description: string; args: ArgsSchema }>;
    expect(Object.keys(listed).sort()).toEqual(Object.keys(contract).sort());
    for (const [name, entry] of Object.entries(listed)) {
      expect(entry.kind).toBe(contract[name as keyof typeof contract].kind);
      // An object, or one of several objects (signatures.verify: a decision or a piece).
      const shapes = entry.args.anyOf ?? [entry.args];
      expect(shapes.map((shape) => shape.type)).toEqual(shapes.map(() => 'object'));
    }
    expect(JSON.stringify(listed['dossiers.list']!.args)).toContain('"column"');
  });

  it('runs one channel through core and prints its JSON result', () => {
    const { status, stdout, stderr } = relais(['call', '--data', dataDir, 'app.info', '{}'], 'en');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ host: 'cli', dossierCount: 0 });
  });

  it('takes {} when no arguments are given', () => {
    const { status, stdout } = relais(['call', '--data', dataDir, 'dossiers.list'], 'en');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ rows: [], total: 0 });
  });

  it('says an unknown channel does not exist, in French by default, and exits 1', () => {
    const { status, stdout, stderr } = relais(['call', '--data', dataDir, 'dossiers.destroy', '{}'], 'fr');
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe("L'opération « dossiers.destroy » n'existe pas.");
  });

  it('names the invalid field', () => {
    const { status, stderr } = relais(['call', '--data', dataDir, 'dossiers.list', '{"sort":{"column":"colour","direction":"asc"}}'], 'en');
    expect(status).toBe(1);
    expect(stderr).toContain('The data sent is not valid');
    expect(stderr).toContain('sort.column');
  });

  it('refuses a corrupt case file and leaves it untouched', () => {
    // A case file with its key, then overwritten: the key opens nothing readable.
    const corruptDir = path.join(tmp, 'corrupt');
    openSession({ dataDir: corruptDir, host: 'cli', create: true }).close();
    const file = path.join(corruptDir, 'relais.sqlite');
    for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
    writeFileSync(file, Buffer.from('this is not a database, only some bytes'.repeat(200)));
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    const { status, stderr } = relais(['call', '--data', corruptDir, 'app.info'], 'en');
    expect(status).toBe(1);
    expect(stderr).toContain('is not a readable Relais case file');
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  });
});
