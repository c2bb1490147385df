import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DossierState } from '../../../shared/domain/dossier';
import { DecisionState } from '../../../shared/domain/decision';
import { CriterionStatus } from '../../../shared/domain/evaluation';
import { formatEuros } from '../../../shared/domain/money';
import { Language } from '../../../shared/contract';
import { LANGUAGE_NAMES } from '../components/LanguageSwitch';
import { formatCount, formatDate, formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { valueKeyLabel } from './syncText';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

interface Props {
  value: unknown;
  /** The conflict's entity and field, for values that are names of states or languages. */
  entity: string;
  field: string | null;
}

/** Values that are codes, said in words where the field tells which kind of code they are. */
function namedValue(value: string, entity: string, field: string | null, t: TFunction): string | null {
  if (field === 'state' && entity === 'dossier' && DossierState.safeParse(value).success) return t(`states.${value as DossierState}`);
  if (field === 'state' && entity === 'decision' && DecisionState.safeParse(value).success) {
    return t(`decisions.states.${value as DecisionState}`);
  }
  if (field === 'language' && Language.safeParse(value).success) return LANGUAGE_NAMES[value as Language];
  if (field === 'status' && entity === 'evaluation' && CriterionStatus.safeParse(value).success) {
    return t(`evaluation.status.${value as CriterionStatus}`);
  }
  return null;
}

/** A person as the desk names them: Anne Martin (anne.martin@…). */
function personOf(value: Record<string, unknown>): string | null {
  const keys = Object.keys(value).sort().join(',');
  return keys === 'email,name' && typeof value.name === 'string' && typeof value.email === 'string' ? `${value.name} (${value.email})` : null;
}

/**
 * One side of a conflict, as readable as its shape allows: yes/no, dates, states in words, lists
 * and records of their parts. Whatever it is, it is shown: the person must see what they choose.
 */
export function ConflictValue({ value, entity, field }: Props) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage();
  if (value === null || value === undefined || value === '') return <em>{t('sync.values.none')}</em>;
  if (typeof value === 'boolean') return <>{value ? t('sync.values.yes') : t('sync.values.no')}</>;
  if (typeof value === 'number') return <>{field?.endsWith('Cents') ? formatEuros(value, language) : formatCount(value, language)}</>;
  if (typeof value === 'string') {
    const named = namedValue(value, entity, field, t);
    if (named) return <>{named}</>;
    if (ISO_DATE.test(value)) return <>{formatDate(value, language)}</>;
    if (ISO_DATE_TIME.test(value)) return <>{formatDateTime(value, language)}</>;
    return <span className="relais-prewrap">{value}</span>;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <em>{t('sync.values.none')}</em>;
    return (
      <ul className="relais-sync-value__list">
        {value.map((item, index) => (
          <li key={index}>
            <ConflictValue value={item} entity={entity} field={null} />
          </li>
        ))}
      </ul>
    );
  }
  const record = value as Record<string, unknown>;
  const person = personOf(record);
  if (person) return <>{person}</>;
  const entries = Object.entries(record);
  if (entries.length === 0) return <em>{t('sync.values.none')}</em>;
  return (
    <dl className="relais-sync-value__record">
      {entries.map(([name, part]) => (
        <div key={name}>
          <dt>{valueKeyLabel(i18n, name)}</dt>
          <dd>
            <ConflictValue value={part} entity={entity} field={name} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
