/** The templates of the acts and the authorities file: the shipped files load, a broken one names its field. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { authorityOf, AUTHORITIES_FILE, readAuthorities } from '../../electron/core/decisions/authority';
import { DECISION_VARIABLES, readDecisionTemplate, templateFile } from '../../electron/core/decisions/templates';
import { resourcesDir } from '../../electron/core/reference/paths';
import { DECISION_TYPES } from '../../shared/domain/decision';
import { RelaisError } from '../../shared/errors';

const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-decision-templates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The shipped file of `type` as JSON, changed by `edit`, written to a temporary file. */
function edited(source: string, edit: (json: Record<string, unknown>) => void): string {
  const json = JSON.parse(readFileSync(source, 'utf8')) as Record<string, unknown>;
  edit(json);
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(json));
  return file;
}

function errorOf(action: () => unknown): RelaisError {
  try {
    action();
  } catch (error) {
    if (error instanceof RelaisError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('decision templates', () => {
  it.each(DECISION_TYPES)('the shipped template of %s loads, with numbered articles or a letter body', (type) => {
    const template = readDecisionTemplate(templateFile(type), type);
    expect(template.type).toBe(type);
    expect(template.parts.length).toBeGreaterThan(2);
    if (!template.letter) expect(template.parts.some((part) => part.kind === 'article')).toBe(true);
  });

  it.each([
    {
      name: 'an unknown variable',
      edit: (json: Record<string, unknown>) => ((json.parts as Array<{ text: string }>)[1]!.text = 'Bonjour {{entreprize}}'),
      field: 'parts.1.text',
      message: '{{entreprize}}',
    },
    {
      name: 'a variable of another type',
      edit: (json: Record<string, unknown>) => (json.object = 'Motifs : {{motifs_fait}}'),
      field: 'object',
      message: '{{motifs_fait}}',
    },
    { name: 'a missing title', edit: (json: Record<string, unknown>) => delete json.title, field: 'title', message: undefined },
    { name: 'a part of an unknown kind', edit: (json: Record<string, unknown>) => ((json.parts as Array<{ kind: string }>)[0]!.kind = 'annexe'), field: 'parts.0.kind', message: undefined },
    { name: 'the wrong type', edit: (json: Record<string, unknown>) => (json.type = 'refus'), field: 'type', message: undefined },
    {
      name: 'a condition on an unknown variable',
      edit: (json: Record<string, unknown>) => ((json.parts as Array<{ when?: string }>)[0]!.when = 'observations'),
      field: 'parts.0.when',
      message: 'observations',
    },
  ])('refuses $name, naming the field', ({ edit, field, message }) => {
    const file = edited(templateFile('accuse-reception'), edit);
    const error = errorOf(() => readDecisionTemplate(file, 'accuse-reception'));
    expect(error.code).toBe('decision_templates_invalid');
    expect(error.params.file).toBe(file);
    expect(error.params.field).toBe(field);
    if (message) expect(error.params.message).toBe(message);
  });

  it('refuses a file that is not JSON', () => {
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{ "type": ');
    expect(errorOf(() => readDecisionTemplate(file, 'refus')).params.field).toBe('(fichier)');
  });

  it('gives every type the variables common to all acts', () => {
    for (const type of DECISION_TYPES) expect(DECISION_VARIABLES[type]).toEqual(expect.arrayContaining(['reference', 'entreprise', 'siret', 'tribunal']));
  });
});

describe('decision authorities', () => {
  const shipped = path.join(resourcesDir(), AUTHORITIES_FILE);

  it('names an authority, its seat, its court and a fictitious signatory for each of the 18 regions', () => {
    const { regions, appealRoutes } = readAuthorities(shipped);
    expect(Object.keys(regions)).toHaveLength(18);
    expect(authorityOf('44')).toMatchObject({ seat: 'Strasbourg', tribunal: 'tribunal administratif de Strasbourg', heading: ['PRÉFET DE LA RÉGION GRAND EST', 'Secrétariat général pour les affaires régionales'] });
    expect(authorityOf('94').tribunal).toBe('tribunal administratif de Bastia');
    for (const authority of Object.values(regions)) expect(authority.signatory.delegation).toBe(`Pour le ${authority.authority} et par délégation,`);
    expect(appealRoutes.paragraphs.join(' ')).toContain('www.telerecours.fr');
  });

  it('refuses a region it does not know', () => {
    const error = errorOf(() => authorityOf('99'));
    expect(error.code).toBe('decision_authority_unknown');
    expect(error.params.region).toBe('99');
  });

  it('refuses an appeal text with an unknown variable, and a signatory without a name', () => {
    const badAppeal = edited(shipped, (json) => ((json.appealRoutes as { paragraphs: string[] }).paragraphs[0] = 'Devant le {{cour}}.'));
    expect(errorOf(() => readAuthorities(badAppeal)).params).toMatchObject({ field: 'appealRoutes.paragraphs.0', message: '{{cour}}' });
    const noName = edited(shipped, (json) => ((json.regions as Record<string, { signatory: { lastName: string } }>)['44']!.signatory.lastName = ''));
    expect(errorOf(() => readAuthorities(noName)).params.field).toBe('regions.44.signatory.lastName');
  });
});
