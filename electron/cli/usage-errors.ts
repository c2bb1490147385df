/**
 * Commander writes its own usage errors in English. They are recognised by their fixed wording
 * and said again in the user's language; an unknown one is shown as it is.
 */
import type { TFunction } from 'i18next';
import type { Messages } from '../../shared/i18n';

type UsageError = keyof Messages['cli']['usageErrors'];

const PATTERNS: Array<[RegExp, UsageError, string[]]> = [
  [/^error: required option '(.+)' not specified$/, 'requiredOption', ['option']],
  [/^error: unknown option '([^']+)'/, 'unknownOption', ['option']],
  [/^error: unknown command '([^']+)'/, 'unknownCommand', ['command']],
  [/^error: missing required argument '(.+)'$/, 'missingArgument', ['argument']],
  [/^error: option '(.+)' argument missing$/, 'optionArgumentMissing', ['option']],
  [/^error: option '(.+)' argument '(.*)' is invalid\.\s*(.*)$/, 'invalidOptionArgument', ['option', 'value', 'reason']],
  [/^error: command-argument value '(.*)' is invalid for argument '(.+)'\.\s*(.*)$/, 'invalidArgument', ['value', 'argument', 'reason']],
  [/^error: option '(.+)' cannot be used with option '(.+)'$/, 'conflictingOption', ['option', 'other']],
  [/^error: too many arguments.*Expected (\d+) arguments? but got (\d+)\.$/, 'tooManyArguments', ['expected', 'received']],
];

export function translateUsageError(message: string, t: TFunction): string {
  const line = message.trimEnd();
  for (const [pattern, key, names] of PATTERNS) {
    const match = pattern.exec(line);
    if (!match) continue;
    const replace = Object.fromEntries(names.map((name, i) => [name, match[i + 1]]));
    return `${t(`cli.usageErrors.${key}`, { replace }).trimEnd()}\n`;
  }
  return message;
}
