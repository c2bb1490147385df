/**
 * `relais hub ds configure` then `relais hub ds check`, as an administrator runs them, against the
 * fake DS and a real PostgreSQL hub database: the token read from the environment and never
 * printed nor stored in clear, the check's verdict and exit code, and each problem it words.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubDatabase } from '../../../server/db/database';
import { openHubDatabase } from '../../../server/db/open';
import { defaultMapping } from '../../../server/ds/mapping';
import { addUser } from '../../../server/users/users';
import { startFakeDs, tiDemarche, type FakeDemarche, type FakeDs } from '../../fixtures/ds';
import { freshDatabaseUrl } from '../../fixtures/postgres';

const CLI = path.resolve(__dirname, '../../../electron/cli/relais.cjs');

/** `relais <args>` in its own process, awaited: the fake DS answers from this process, which must not block. */
function relais(args: string[], lang: 'fr' | 'en', env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: os.tmpdir(), env: { ...process.env, RELAIS_LANG: lang, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const TOKEN_VARIABLE = 'RELAIS_TEST_DS_TOKEN';

describe('relais hub ds configure and check', () => {
  let fake: FakeDs;
  let demarche: FakeDemarche;
  let databaseUrl: string;
  let db: HubDatabase;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  /** Runs `relais hub ds <args>` on the test database; never a word of the token on either stream. */
  const ds = async (args: string[], lang: 'fr' | 'en' = 'en', extraEnv: NodeJS.ProcessEnv = {}) => {
    const result = await relais(['hub', 'ds', ...args, '--database-url', databaseUrl], lang, { ...env, ...extraEnv });
    expect(result.stdout + result.stderr).not.toContain(fake.token);
    return result;
  };
  const configure = (extra: string[] = [], extraEnv: NodeJS.ProcessEnv = {}) =>
    ds(['configure', '--url', fake.url, '--token-env', TOKEN_VARIABLE, '--demarche', String(demarche.number), ...extra], 'en', extraEnv);
  const check = (lang: 'fr' | 'en' = 'en', extraEnv: NodeJS.ProcessEnv = {}) => ds(['check'], lang, extraEnv);
  const checkJson = async () => {
    const result = await ds(['check', '--json']);
    return { status: result.status, report: JSON.parse(result.stdout) as { ok: boolean; demarches: { number: number; title: string }[]; problems: { code: string; message: string }[] } };
  };

  beforeAll(async () => {
    fake = await startFakeDs();
    const { demarche: number } = await tiDemarche(fake, { dossiers: 0 });
    demarche = fake.state.demarches.find((one) => one.number === number)!;
    databaseUrl = await freshDatabaseUrl();
    db = await openHubDatabase({ databaseUrl });
    dir = mkdtempSync(path.join(os.tmpdir(), 'relais-ds-cli-'));
    env = { RELAIS_HUB_KEY_FILE: path.join(dir, 'keys', 'hub.key'), [TOKEN_VARIABLE]: fake.token };
  });
  afterAll(async () => {
    await db.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to configure without the token in the environment, or with a mapping file that is not one', async () => {
    const noToken = await configure([], { [TOKEN_VARIABLE]: '' });
    expect(noToken.status).toBe(1);
    expect(noToken.stderr.trim()).toBe(`The environment variable ${TOKEN_VARIABLE} is empty or not set: put the DS API token in it, then run the command again.`);

    const mappingFile = path.join(dir, 'mapping.json');
    writeFileSync(mappingFile, JSON.stringify({ ...defaultMapping(), annotations: {} }));
    const badMapping = await configure(['--mapping', mappingFile]);
    expect(badMapping.status).toBe(1);
    expect(badMapping.stderr).toContain('The mapping file cannot be used: ');
    expect(badMapping.stderr).toContain('annotations.notes');

    const badUrl = await ds(['configure', '--url', 'ftp://ds.example', '--token-env', TOKEN_VARIABLE, '--demarche', '1']);
    expect(badUrl.status).toBe(2);
    expect(badUrl.stderr).toContain('The address must start with https:// (or http://).');
  });

  it('says the connector is not configured before it is', async () => {
    const result = await check();
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('The Démarches Simplifiées connector is not configured on this hub: configure it with “relais hub ds configure”.');
  });

  it('configures the connector, prints what it saved without the token, and stores the token only encrypted', async () => {
    const result = await configure();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Démarches Simplifiées connector configured: ${fake.url}, démarches ${demarche.number}.`);
    expect(result.stdout).toContain(`Mapping: “${defaultMapping().title}” (shipped with Relais).`);
    expect(result.stdout).toContain(`its key is in ${env.RELAIS_HUB_KEY_FILE}`);
    const { rows } = await db.query<{ row: string }>('SELECT t::text AS row FROM ds_config t');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.row).not.toContain(fake.token);
  });

  it('finds no problem with the démarche as the mapping expects it', async () => {
    const result = await check();
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`Démarche ${demarche.number} “${demarche.title}”`);
    expect(result.stdout).toContain('No problem: the connector can run.');
    expect(result.status).toBe(0);
    const json = await checkJson();
    expect(json.status).toBe(0);
    expect(json.report).toMatchObject({ ok: true, demarches: [{ number: demarche.number, title: demarche.title }], problems: [] });
  });

  it('words each mismatch between the mapping and the démarche’s form', async () => {
    const form = demarche.revision.champDescriptors;
    const byLabel = (label: string) => form.find((one) => one.label === label)!;
    const mapping = defaultMapping();
    const saved = structuredClone(demarche.revision);
    try {
      byLabel(mapping.champs.projetTitle).label = 'Nom du projet';
      byLabel(mapping.champs.siteCommune).type = 'text';
      byLabel(mapping.champs.companySize).options!.push('Micro-entreprise');
      const costs = byLabel(mapping.champs.costLines.block);
      costs.columns = costs.columns!.filter((column) => column.label !== mapping.champs.costLines.columns.eligible);
      demarche.revision.annotationDescriptors = [];
      const summary = byLabel(mapping.champs.projetSummary);
      form.push({ ...summary, id: `${summary.id}-copie` });

      const { status, report } = await checkJson();
      expect(status).toBe(1);
      expect(report.problems.map((problem) => problem.message)).toEqual([
        `Démarche ${demarche.number}: no champ of the form is named “${mapping.champs.projetTitle}” (champs.projetTitle in the mapping): correct the mapping, or the champ’s label on DS.`,
        `Démarche ${demarche.number}: 2 champs are named “${mapping.champs.projetSummary}” (champs.projetSummary in the mapping): name the right one by its id in the mapping (id:…).`,
        `Démarche ${demarche.number}: the champ “${mapping.champs.siteCommune}” (champs.siteCommune in the mapping) is of type Text, where Commune is expected.`,
        `Démarche ${demarche.number}: the choice “Micro-entreprise” of the champ “${mapping.champs.companySize}” (champs.companySize) has no Relais value in the mapping: add it to the mapping’s values.`,
        `Démarche ${demarche.number}: no champ of the form is named “${mapping.champs.costLines.columns.eligible}” (champs.costLines.columns.eligible in the mapping): correct the mapping, or the champ’s label on DS.`,
        `Démarche ${demarche.number}: no private annotation is named “${mapping.annotations.notes}” (annotations.notes in the mapping): add a long text annotation of that name on DS, or correct the mapping.`,
      ]);
      const text = await check();
      expect(text.stdout).toContain('6 problems:');
      expect(text.stdout).toContain(`  – Démarche ${demarche.number}: no champ of the form is named “${mapping.champs.projetTitle}”`);
    } finally {
      demarche.revision = saved;
    }
    expect((await check()).status).toBe(0);
  });

  it('takes a mapping file that names champs by their DS id', async () => {
    const mapping = defaultMapping();
    const title = demarche.revision.champDescriptors.find((one) => one.label === mapping.champs.projetTitle)!;
    const file = path.join(dir, 'by-id.json');
    writeFileSync(file, JSON.stringify({ ...mapping, title: 'Par identifiants', champs: { ...mapping.champs, projetTitle: `id:${title.id}` } }));
    const saved = await configure(['--mapping', file]);
    expect(saved.stdout).toContain(`Mapping: “Par identifiants” (${file}).`);
    title.label = 'Nom du projet';
    try {
      expect((await check()).status).toBe(0);
    } finally {
      title.label = mapping.champs.projetTitle;
    }
    expect((await configure()).status).toBe(0);
  });

  it('says when a démarche cannot be read', async () => {
    const result = await configure(['--demarche', '999999']);
    expect(result.status).toBe(0);
    const { status, report } = await checkJson();
    expect(status).toBe(1);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]!.code).toBe('demarche_unreadable');
    expect(report.problems[0]!.message).toMatch(/^Démarche 999999 cannot be read with this token \(DS says: .+\): check its number/);
    expect((await configure()).status).toBe(0);
  });

  it('says DS refused the token, without it in any output', async () => {
    expect((await configure([], { [TOKEN_VARIABLE]: 'a-token-DS-does-not-know' })).status).toBe(0);
    const result = await check();
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('Démarches Simplifiées refused the token (expired, revoked, or not allowed from this network): give a new one with “relais hub ds configure”.');
    expect(result.stdout + result.stderr).not.toContain('a-token-DS-does-not-know');
    expect((await configure()).status).toBe(0);
  });

  it('says when DS cannot be reached', async () => {
    // Port 9 (discard): nothing listens there on a test machine.
    const closed = 'http://127.0.0.1:9/api/v2/graphql';
    expect((await ds(['configure', '--url', closed, '--token-env', TOKEN_VARIABLE, '--demarche', String(demarche.number)])).status).toBe(0);
    const result = await check();
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/Démarches Simplifiées could not be reached \(DS could not be reached \(RelaisDemarcheDescriptors\): .+\): check its address and the network, then check again\./);
    expect((await configure()).status).toBe(0);
  });

  it('says the token must be configured again when its key file is gone or another', async () => {
    const elsewhere = path.join(dir, 'elsewhere', 'hub.key');
    const missing = await check('en', { RELAIS_HUB_KEY_FILE: elsewhere });
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe(`The DS token cannot be decrypted: its key file ${elsewhere} does not exist. Configure the token again with “relais hub ds configure”.`);

    const other = path.join(dir, 'other.key');
    writeFileSync(other, `${Buffer.alloc(32, 7).toString('base64')}\n`);
    const wrong = await check('fr', { RELAIS_HUB_KEY_FILE: other });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr.trim()).toBe(`Le jeton DS ne peut pas être déchiffré avec la clé de ${other} (ce n’est pas celle qui l’a chiffré). Configurez à nouveau le jeton avec « relais hub ds configure ».`);
    expect((await check()).status).toBe(0);
  });

  it('lists hub users DS does not know as instructeurs, until they are given an id DS knows', async () => {
    const known = demarche.groupeInstructeurs[0]!.instructeurs[0]!;
    await addUser(db, { email: known.email.toUpperCase(), name: 'Instructrice connue', role: 'instructeur', territories: [] });
    await addUser(db, { email: 'sophie.bernard@example.gouv.fr', name: 'Sophie Bernard', role: 'signataire', territories: [] });
    await addUser(db, { email: 'admin@example.gouv.fr', name: 'Admin', role: 'administrateur', territories: [] });

    const json = await checkJson();
    expect(json.status).toBe(1);
    expect(json.report.problems).toEqual([
      {
        code: 'user_without_instructeur',
        email: 'sophie.bernard@example.gouv.fr',
        name: 'Sophie Bernard',
        role: 'signataire',
        message:
          'Sophie Bernard <sophie.bernard@example.gouv.fr> (signataire) has no DS instructeur id: add this address to a groupe instructeur of the démarche on DS, or give the id with “relais hub ds configure … --instructeur sophie.bernard@example.gouv.fr=ID”.',
      },
    ]);
    const french = await check('fr');
    expect(french.status).toBe(1);
    expect(french.stdout).toContain('Un problème :');
    expect(french.stdout).toContain('Sophie Bernard <sophie.bernard@example.gouv.fr> (signataire) n’a pas d’identifiant d’instructeur DS');

    expect((await configure(['--instructeur', 'sophie.bernard@example.gouv.fr=SW5zdHJ1Y3RldXItOTk5OQ=='])).status).toBe(0);
    const unknownId = await checkJson();
    expect(unknownId.status).toBe(1);
    expect(unknownId.report.problems.map((problem) => problem.message)).toEqual([
      'The DS instructeur id SW5zdHJ1Y3RldXItOTk5OQ== given for sophie.bernard@example.gouv.fr is not an instructeur of these démarches on DS: correct it with “relais hub ds configure … --instructeur sophie.bernard@example.gouv.fr=ID”, or add that instructeur to a groupe instructeur on DS.',
    ]);

    const given = await configure(['--instructeur', `Sophie.Bernard@example.gouv.fr=${known.id}`]);
    expect(given.stdout).toContain(`DS instructeur ids given: sophie.bernard@example.gouv.fr → ${known.id}.`);
    expect((await check()).status).toBe(0);
  });
});
