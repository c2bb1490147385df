/**
 * The connector's configuration on a real PostgreSQL: the token encrypted at rest under a key file
 * (never in the database's bytes), a clear error without the right key, and the instructeur
 * directory (overrides, then DS's groupes instructeurs read once, then the default) against a
 * bare HTTP server that checks every operation against DS's schema.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HubDatabase } from '../../../server/db/database';
import { DsApiError } from '../../../server/ds/client';
import { loadDsConfig, saveDsConfig, type DsConfig } from '../../../server/ds/config';
import { openDsConnection } from '../../../server/ds/connection';
import { defaultMapping } from '../../../server/ds/mapping';
import { DsTokenKeyError, keyFilePath } from '../../../server/ds/token-cipher';
import { openHubDatabase } from '../../../server/db/open';
import { openTestHubDatabase } from '../../fixtures/postgres';

const TOKEN = 'ds-token-7f3c2a91e5b84d06a1c9';
const schema = buildSchema(readFileSync(path.resolve(__dirname, '../../../resources/ds/schema.graphql'), 'utf8'));

/** A stand-in for DS answering the groupes instructeurs of its démarches; every operation is validated against the schema. */
async function startGroupesServer(groupes: Record<number, { closed: boolean; instructeurs: { id: string; email: string }[] }[]>) {
  const calls: { operationName: string; variables: Record<string, unknown>; authorization?: string }[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const { query, operationName, variables } = JSON.parse(body) as { query: string; operationName: string; variables: Record<string, unknown> };
      calls.push({ operationName, variables, authorization: request.headers.authorization });
      const errors = validate(schema, parse(query));
      const reply = (status: number, json: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      if (errors.length > 0) return reply(200, { errors: errors.map((error) => ({ message: error.message })) });
      const number = Number(variables.demarche);
      const list = groupes[number];
      if (!list) return reply(200, { data: null, errors: [{ message: `Démarche ${number} introuvable`, path: ['demarche'] }] });
      reply(200, {
        data: { demarche: { number, groupeInstructeurs: list.map((groupe, i) => ({ id: `G${number}-${i}`, number: i + 1, label: `Groupe ${i + 1}`, ...groupe })) } },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2/graphql`;
  return { url, calls, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('DS configuration (PostgreSQL)', () => {
  let db: HubDatabase;
  let dir: string;
  let keyFile: string;
  const config = (overrides: Partial<DsConfig> = {}): DsConfig => ({
    endpoint: 'https://www.demarches-simplifiees.fr/api/v2/graphql',
    demarches: [12345],
    mapping: defaultMapping(),
    instructeurs: {},
    ...overrides,
  });

  beforeAll(async () => {
    db = await openTestHubDatabase('postgresql');
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'relais-ds-config-'));
    keyFile = path.join(dir, 'relais-hub', 'hub.key');
  });
  afterEach(async () => {
    await db.query('DELETE FROM ds_config');
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads nothing back before the connector is configured', async () => {
    expect(await loadDsConfig(db, keyFile)).toBeNull();
    expect(await openDsConnection(db, { keyFile })).toBeNull();
  });

  it('gives back what was saved, the token decrypted, e-mails in lower case', async () => {
    await saveDsConfig(db, config({ demarches: [12345, 678, 12345], instructeurs: { 'Anne.Martin@Example.gouv.fr': 'SW5zLTE=', '*': 'SW5zLTk=' } }), TOKEN, keyFile);
    const loaded = await loadDsConfig(db, keyFile);
    expect(loaded).toEqual({
      token: TOKEN,
      config: { ...config(), demarches: [12345, 678], instructeurs: { 'anne.martin@example.gouv.fr': 'SW5zLTE=', '*': 'SW5zLTk=' } },
    });
  });

  it('creates the key file 0600 in a 0700 folder on first save, and keeps it afterwards', async () => {
    await saveDsConfig(db, config(), TOKEN, keyFile);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(keyFile)).mode & 0o777).toBe(0o700);
    const key = readFileSync(keyFile, 'utf8');
    await saveDsConfig(db, config(), 'another-token', keyFile);
    expect(readFileSync(keyFile, 'utf8')).toBe(key);
    expect((await loadDsConfig(db, keyFile))?.token).toBe('another-token');
  });

  it('never holds the token in the database: not in any column, as text, hex or base64', async () => {
    await saveDsConfig(db, config({ instructeurs: { '*': 'SW5zLTk=' } }), TOKEN, keyFile);
    const { rows } = await db.query<{ row: string; hex: string; raw: Uint8Array }>(
      `SELECT t::text AS row, encode(token_ciphertext, 'hex') AS hex, token_ciphertext AS raw FROM ds_config t`,
    );
    const { row, hex, raw } = rows[0]!;
    for (const form of [TOKEN, Buffer.from(TOKEN).toString('hex'), Buffer.from(TOKEN).toString('base64')]) {
      expect(row).not.toContain(form);
      expect(hex).not.toContain(form);
    }
    expect(Buffer.from(raw).includes(Buffer.from(TOKEN))).toBe(false);
    expect(readFileSync(keyFile, 'utf8')).not.toContain(TOKEN);
  });

  it('encrypts with a fresh IV on every save', async () => {
    const ciphertexts = new Set<string>();
    for (let i = 0; i < 3; i++) {
      await saveDsConfig(db, config(), TOKEN, keyFile);
      const { rows } = await db.query<{ hex: string }>(`SELECT encode(token_ciphertext, 'hex') AS hex FROM ds_config`);
      ciphertexts.add(rows[0]!.hex);
    }
    expect(ciphertexts.size).toBe(3);
  });

  it('says the token must be configured again when the key is missing, not a key, or another one', async () => {
    await saveDsConfig(db, config(), TOKEN, keyFile);
    const attempt = async (file: string) => {
      const error = await loadDsConfig(db, file).then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(DsTokenKeyError);
      expect((error as Error).message).toContain('relais hub ds configure');
      expect((error as Error).message).not.toContain(TOKEN);
      return (error as DsTokenKeyError).problem;
    };
    expect(await attempt(path.join(dir, 'nowhere.key'))).toBe('missing');
    const notAKey = path.join(dir, 'not-a-key');
    writeFileSync(notAKey, 'hello\n');
    expect(await attempt(notAKey)).toBe('unreadable');
    const otherKey = path.join(dir, 'other', 'hub.key');
    await saveDsConfig(db, config(), TOKEN, otherKey);
    expect(await attempt(keyFile)).toBe('wrong');
  });

  it('refuses a configuration that cannot work, with the reason', async () => {
    await expect(saveDsConfig(db, config({ endpoint: 'ftp://ds.example' }), TOKEN, keyFile)).rejects.toThrow(/not an http\(s\) address/);
    await expect(saveDsConfig(db, config({ demarches: [] }), TOKEN, keyFile)).rejects.toThrow(/At least one démarche/);
    await expect(saveDsConfig(db, config({ instructeurs: { 'not an address': 'X' } }), TOKEN, keyFile)).rejects.toThrow(/not an e-mail address/);
    await expect(saveDsConfig(db, config(), '  ', keyFile)).rejects.toThrow(/token is empty/);
    expect(await loadDsConfig(db, keyFile)).toBeNull();
  });
});

describe('DS configuration (PGlite, the default hub database)', () => {
  it('reads back what was saved, and no file of the database folder holds the token', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-ds-pglite-'));
    try {
      const keyFile = path.join(dir, 'hub.key');
      const dataDir = path.join(dir, 'hub');
      const config: DsConfig = { endpoint: 'https://ds.example/api/v2/graphql', demarches: [42, 43], mapping: defaultMapping(), instructeurs: { '*': 'SW5zLTk=' } };
      const db = await openHubDatabase({ dataDir });
      try {
        await saveDsConfig(db, config, TOKEN, keyFile);
        expect(await loadDsConfig(db, keyFile)).toEqual({ config, token: TOKEN });
      } finally {
        await db.close();
      }
      const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
      expect(files.length).toBeGreaterThan(0);
      const contents = files.map((file) => readFileSync(path.join(file.parentPath, file.name)));
      // The scan sees stored values: the endpoint, saved in clear beside the token, is found.
      expect(contents.some((bytes) => bytes.includes(Buffer.from(config.endpoint)))).toBe(true);
      expect(contents.filter((bytes) => bytes.includes(Buffer.from(TOKEN)))).toEqual([]);

      const reopened = await openHubDatabase({ dataDir });
      try {
        expect((await loadDsConfig(reopened, keyFile))?.token).toBe(TOKEN);
      } finally {
        await reopened.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the key file’s place', () => {
  it('is RELAIS_HUB_KEY_FILE, else under XDG_CONFIG_HOME, else under ~/.config', () => {
    expect(keyFilePath(undefined, { RELAIS_HUB_KEY_FILE: '/srv/relais/hub.key', XDG_CONFIG_HOME: '/cfg' })).toBe('/srv/relais/hub.key');
    expect(keyFilePath(undefined, { XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/relais-hub/hub.key');
    expect(keyFilePath(undefined, {})).toBe(path.join(os.homedir(), '.config', 'relais-hub', 'hub.key'));
    expect(keyFilePath('/given.key', { RELAIS_HUB_KEY_FILE: '/srv/relais/hub.key' })).toBe('/given.key');
  });
});

describe('the instructeur directory (PostgreSQL)', () => {
  let db: HubDatabase;
  let dir: string;

  beforeAll(async () => {
    db = await openTestHubDatabase('postgresql');
    dir = mkdtempSync(path.join(os.tmpdir(), 'relais-ds-directory-'));
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the override, then DS’s id by e-mail (any case, open groupes first), then the default; DS read once', async () => {
    const ds = await startGroupesServer({
      101: [
        { closed: true, instructeurs: [{ id: 'OLD-CLAIRE', email: 'claire.petit@example.gouv.fr' }] },
        { closed: false, instructeurs: [{ id: 'ID-CLAIRE', email: 'Claire.Petit@example.gouv.fr' }, { id: 'ID-ANNE-DS', email: 'anne.martin@example.gouv.fr' }] },
      ],
      202: [{ closed: false, instructeurs: [{ id: 'ID-BRUNO', email: 'bruno.leroy@example.gouv.fr' }] }],
    });
    try {
      const keyFile = path.join(dir, 'a.key');
      await saveDsConfig(
        db,
        { endpoint: ds.url, demarches: [101, 202], mapping: defaultMapping(), instructeurs: { 'anne.martin@example.gouv.fr': 'ID-ANNE', '*': 'ID-DEFAULT' } },
        TOKEN,
        keyFile,
      );
      const connection = (await openDsConnection(db, { keyFile }))!;
      expect(await connection.instructeurs.idFor('ANNE.MARTIN@example.gouv.fr')).toBe('ID-ANNE');
      expect(ds.calls).toHaveLength(0);
      expect(await connection.instructeurs.idFor('claire.petit@EXAMPLE.gouv.fr')).toBe('ID-CLAIRE');
      expect(await connection.instructeurs.idFor('bruno.leroy@example.gouv.fr')).toBe('ID-BRUNO');
      expect(await connection.instructeurs.idFor('nobody@example.gouv.fr')).toBe('ID-DEFAULT');
      expect(ds.calls.map((call) => [call.operationName, call.variables.demarche])).toEqual([
        ['RelaisDemarcheInstructeurs', 101],
        ['RelaisDemarcheInstructeurs', 202],
      ]);
      expect(ds.calls.every((call) => call.authorization === `Bearer ${TOKEN}`)).toBe(true);
    } finally {
      await ds.close();
    }
  });

  it('has no id for an unknown address without a default, and reads DS again after a failed read', async () => {
    const ds = await startGroupesServer({ 101: [{ closed: false, instructeurs: [{ id: 'ID-CLAIRE', email: 'claire.petit@example.gouv.fr' }] }] });
    try {
      const keyFile = path.join(dir, 'b.key');
      await saveDsConfig(db, { endpoint: ds.url, demarches: [101, 303], mapping: defaultMapping(), instructeurs: {} }, TOKEN, keyFile);
      const connection = (await openDsConnection(db, { keyFile, clientOptions: { queryRetries: 0 } }))!;
      // Démarche 303 is unknown to this DS: the directory cannot be read whole.
      const error = await connection.instructeurs.idFor('claire.petit@example.gouv.fr').catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(DsApiError);
      expect((error as DsApiError).code).toBe('graphql');
      expect((error as Error).message).not.toContain(TOKEN);

      await saveDsConfig(db, { endpoint: ds.url, demarches: [101], mapping: defaultMapping(), instructeurs: {} }, TOKEN, keyFile);
      const fixed = (await openDsConnection(db, { keyFile }))!;
      expect(await fixed.instructeurs.idFor('claire.petit@example.gouv.fr')).toBe('ID-CLAIRE');
      expect(await fixed.instructeurs.idFor('nobody@example.gouv.fr')).toBeNull();

      // The same directory tries DS again once the failure has passed.
      const before = ds.calls.length;
      await expect(connection.instructeurs.idFor('claire.petit@example.gouv.fr')).rejects.toThrow(DsApiError);
      expect(ds.calls.length).toBeGreaterThan(before);
    } finally {
      await ds.close();
    }
  });
});
