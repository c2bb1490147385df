/** The history's sentences and values for the mutations of messages. */
import type { TFunction } from 'i18next';
import type { Language } from '../../../shared/contract';
import { formatDate } from '../format';

const ACTIONS = {
  'message.createDraft': 'messages.history.created',
  'message.saveDraft': 'messages.history.saved',
  'message.send': 'messages.history.sent',
  'message.discardDraft': 'messages.history.discarded',
} as const;

export function messageActionSentence(t: TFunction, what: string): string | null {
  return what in ACTIONS ? t(ACTIONS[what as keyof typeof ACTIONS]) : null;
}

/** Longer texts are cut: the history says what changed, the journal keeps the whole text. */
const EXCERPT_LENGTH = 120;

export function describeMessageField(t: TFunction, key: string, value: unknown, language: Language): string | null {
  switch (key) {
    case 'messageStatus':
      return typeof value === 'string' && ['draft', 'not_sent', 'sent', 'rejected'].includes(value)
        ? t(`messages.status.${value as 'draft' | 'not_sent' | 'sent' | 'rejected'}`)
        : null;
    case 'templateId':
      return typeof value === 'string' ? value.replaceAll('_', ' ') : null;
    case 'version':
      return typeof value === 'number' ? t('messages.values.version', { version: value }) : null;
    case 'subject':
      return typeof value === 'string' ? t('messages.values.subject', { subject: value }) : null;
    case 'answerBy':
      return typeof value === 'string' ? t('messages.values.answerBy', { date: formatDate(value, language) }) : null;
    case 'body':
      return typeof value === 'string'
        ? t('messages.values.body', { text: value.length > EXCERPT_LENGTH ? `${value.slice(0, EXCERPT_LENGTH)}…` : value })
        : null;
    default:
      return null;
  }
}
