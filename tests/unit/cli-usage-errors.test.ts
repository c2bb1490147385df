import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../shared/i18n/translator';
import { translateUsageError } from '../../electron/cli/usage-errors';

const { t: fr } = createTranslator('fr');
const { t: en } = createTranslator('en');

describe("Commander's usage errors in the user's language", () => {
  it.each([
    ["error: required option '--data <dir>' not specified\n", 'Erreur : l’option --data <dir> est obligatoire.\n'],
    ["error: unknown option '--bogus'\n(Did you mean --data?)\n", 'Erreur : l’option --bogus n’existe pas.\n'],
    ["error: unknown command 'frobnicate'\n", 'Erreur : la commande frobnicate n’existe pas.\n'],
    ["error: missing required argument 'id'\n", 'Erreur : l’argument id manque.\n'],
    ["error: option '--port <port>' argument missing\n", 'Erreur : l’option --port <port> attend une valeur.\n'],
    [
      "error: option '--count <n>' argument 'dix' is invalid. Le nombre doit être entier.\n",
      'Erreur : la valeur « dix » de l’option --count <n> ne convient pas. Le nombre doit être entier.\n',
    ],
    ["error: too many arguments for 'show'. Expected 1 argument but got 2.\n", 'Erreur : trop d’arguments (attendus : 1, reçus : 2).\n'],
  ])('%j', (english, french) => {
    expect(translateUsageError(english, fr)).toBe(french);
  });

  it('says them in English too', () => {
    expect(translateUsageError("error: unknown command 'frobnicate'\n", en)).toBe('Error: there is no command frobnicate.\n');
  });

  it('leaves a message it does not know as it is', () => {
    expect(translateUsageError('error: something new\n', fr)).toBe('error: something new\n');
  });
});
