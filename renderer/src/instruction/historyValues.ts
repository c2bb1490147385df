/** The history's sentences and values for the mutations of instruction facts. */
import type { TFunction } from 'i18next';
import type { Language } from '../../../shared/contract';
import { Advance, AidRegime, InstructionExtension } from '../../../shared/domain/instruction';
import { formatEuros } from '../../../shared/domain/money';
import { formatDate } from '../format';

const ACTIONS = {
  'instruction.setRegime': 'instruction.history.regime',
  'instruction.setAdvance': 'instruction.history.advance',
  'instruction.addExtension': 'instruction.history.extensionAdded',
  'instruction.removeExtension': 'instruction.history.extensionRemoved',
} as const;

export function instructionActionSentence(t: TFunction, what: string): string | null {
  return what in ACTIONS ? t(ACTIONS[what as keyof typeof ACTIONS]) : null;
}

function describeRegime(t: TFunction, value: unknown, language: Language): string | null {
  if (value === null) return t('instruction.values.noRegime');
  const regime = AidRegime.safeParse(value);
  if (!regime.success) return null;
  switch (regime.data.kind) {
    case 'de_minimis':
      return regime.data.priorAids === null
        ? t('instruction.values.deMinimisUndeclared')
        : t('instruction.values.deMinimis', { count: regime.data.priorAids.length });
    case 'regional':
      return t('instruction.values.regional', { zone: t(`instruction.zone.${regime.data.zone}`).toLocaleLowerCase(language) });
    case 'gber_art17':
      return t('instruction.values.gber');
  }
}

function describeAdvance(t: TFunction, value: unknown, language: Language): string | null {
  if (value === null) return t('instruction.values.noAdvance');
  const advance = Advance.safeParse(value);
  if (!advance.success) return null;
  const amount = formatEuros(advance.data.amountCents, language);
  return advance.data.bankGuarantee ? t('instruction.values.advanceGuaranteed', { amount }) : t('instruction.values.advance', { amount });
}

function describeExtensions(t: TFunction, value: unknown, language: Language): string | null {
  const extensions = InstructionExtension.array().safeParse(value);
  if (!extensions.success) return null;
  const last = extensions.data[extensions.data.length - 1];
  if (!last) return t('instruction.values.noExtension');
  return t('instruction.values.extensions', { count: extensions.data.length, date: formatDate(last.newDue, language) });
}

export function describeInstructionField(t: TFunction, key: string, value: unknown, language: Language): string | null {
  if (key === 'regime') return describeRegime(t, value, language);
  if (key === 'advance') return describeAdvance(t, value, language);
  if (key === 'extensions') return describeExtensions(t, value, language);
  return null;
}
