/** The history's sentences and values for the mutations of decisions and the dossier moves a signed act makes. */
import type { TFunction } from 'i18next';
import type { HistoryEntry, Language } from '../../../shared/contract';
import { DecisionState, DecisionType } from '../../../shared/domain/decision';
import { DeskRole } from '../../../shared/channels/decisions';
import { formatDate, formatDateTime } from '../format';

const ACTIONS = {
  'decision.create': 'decisions.history.created',
  'decision.save': 'decisions.history.saved',
  'decision.propose': 'decisions.history.proposed',
  'decision.sendBack': 'decisions.history.sentBack',
  'decision.reviewAgain': 'decisions.history.reviewAgain',
  'decision.sign': 'decisions.history.signed',
  'decision.countersign': 'decisions.history.countersigned',
  'decision.withdrawRefusedSignature': 'decisions.history.signatureWithdrawn',
  'dossier.accept': 'decisions.history.accepted',
  'dossier.refuse': 'decisions.history.refused',
  'dossier.closeSansSuite': 'decisions.history.closed',
  'dossier.acknowledge': 'decisions.history.acknowledged',
  'decision.setRole': 'decisions.history.role',
  'decision.setPkcs11Module': 'decisions.history.pkcs11Module',
} as const;

function recorded(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

export function decisionActionSentence(t: TFunction, entry: HistoryEntry): string | null {
  if (!(entry.what in ACTIONS)) return null;
  const type = DecisionType.safeParse(recorded(entry.after, 'decision') ?? recorded(entry.before, 'decision'));
  const signer = recorded(entry.after, 'signerName');
  return t(ACTIONS[entry.what as keyof typeof ACTIONS], {
    type: type.success ? t(`decisions.types.${type.data}`) : '',
    signer: typeof signer === 'string' ? signer : '',
  });
}

/** A recorded field of a decision as a short phrase; null for a field of another area. */
export function describeDecisionField(t: TFunction, key: string, value: unknown, language: Language): string | null {
  if (key === 'decision') {
    const type = DecisionType.safeParse(value);
    return type.success ? t(`decisions.types.${type.data}`) : null;
  }
  if (key === 'state') {
    const state = DecisionState.safeParse(value);
    return state.success ? t(`decisions.states.${state.data}`) : null;
  }
  if (key === 'role') {
    const role = DeskRole.safeParse(value);
    return role.success ? t(`decisions.roles.${role.data}`) : null;
  }
  if (typeof value !== 'string') return null;
  if (key === 'signedAt') return formatDateTime(value, language);
  if (key === 'arDate') return formatDate(value, language);
  if (key === 'pdfSha256') return `SHA-256 ${value.slice(0, 12)}…`;
  if (key === 'signerName' || key === 'signerTitle' || key === 'comment' || key === 'modulePath') return value;
  return null;
}
