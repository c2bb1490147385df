import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignProgress } from '../../../shared/channels/decisions';
import type { ErrorCode, ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { ErrorAlert } from '../components/ErrorAlert';
import { countersignerOf, CountersignerFields, EMPTY_COUNTERSIGNER, type CountersignerDraft } from './CountersignerFields';
import { CredentialsForm, credentialsOf, type CredentialsChoice } from './CredentialsForm';
import { failureInfo, SignSummary } from './SignSummary';
import { useSignJob } from './useSignJob';

/** The errors that come from the key itself rather than from one decision: typing again is the way out. */
const KEY_ERRORS: readonly ErrorCode[] = [
  'wrong_password',
  'p12_unreadable',
  'p12_without_key',
  'signing_key_unsupported',
  'certificate_expired',
  'certificate_not_yet_valid',
  'certificate_cannot_sign',
  'wrong_pin',
  'pin_locked',
  'token_without_key',
  'token_absent',
  'pkcs11_module_unavailable',
];

/** The key's error when the batch stopped on it before signing anything (every decision failed alike). */
function keyFailure(progress: SignProgress): ErrorInfo | undefined {
  const [first] = progress.failed;
  if (!first || progress.done > 0 || progress.failed.some((failure) => failure.code !== first.code)) return undefined;
  const info = failureInfo(first);
  return KEY_ERRORS.includes(info.code) ? info : undefined;
}

interface Props {
  /** The decisions to sign, and how each is named in the summary. */
  decisions: readonly { id: string; label: string }[];
  /** Once the batch is over (or the dialog closed): the queue is read again. */
  onClose: (signedAny: boolean) => void;
  /** A signed act to countersign (one decision): who countersigns is asked too. */
  countersign?: boolean;
}

/**
 * Signing a batch: the key is chosen and its password or PIN typed once for all the decisions,
 * then a bar follows the worker, then a summary says what was signed and why the rest was not.
 * The password or PIN lives in this dialog's state only until the batch starts.
 */
export function SignDialog({ decisions, onClose, countersign = false }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const [ids, setIds] = useState(() => decisions.map((decision) => decision.id));
  const [choice, setChoice] = useState<CredentialsChoice>({ kind: 'p12', secret: '' });
  const [countersignerDraft, setCountersignerDraft] = useState<CountersignerDraft>(EMPTY_COUNTERSIGNER);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const [jobId, setJobId] = useState<string>();
  const { progress, error: progressError } = useSignJob(jobId);
  const finished = progress?.finished === true;
  // Whether any batch of this dialog signed something (a retry starts a new batch).
  const signedAny = useRef(false);
  if ((progress?.done ?? 0) > 0) signedAny.current = true;

  // A wrong password or PIN signed nothing: back to the form, which says so.
  useEffect(() => {
    const refused = progress?.finished ? keyFailure(progress) : undefined;
    if (!refused) return;
    setJobId(undefined);
    setError(refused);
  }, [progress]);

  // A refusal brings the form back: the focus goes to the password or PIN to type again, once
  // the form is on screen again (the progress view replaced it while the batch ran).
  useEffect(() => {
    if (error && !jobId) secretRef.current?.focus();
  }, [error, jobId]);

  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    // The first choice to make, rather than the close button the browser would pick.
    element?.querySelector<HTMLInputElement>('input:checked')?.focus();
    return () => element?.close();
  }, []);

  const credentials = credentialsOf(choice);
  const countersigner = countersignerOf(countersignerDraft);
  const ready = Boolean(credentials) && (!countersign || Boolean(countersigner));
  async function start(event: FormEvent) {
    event.preventDefault();
    if (!credentials || (countersign && !countersigner)) return;
    setStarting(true);
    setError(undefined);
    try {
      const started =
        countersign && countersigner
          ? await client.call('decisions.countersign', { id: ids[0]!, countersigner, credentials })
          : await client.call('decisions.sign', { ids, credentials });
      setJobId(started.jobId);
    } catch (failure) {
      setError(toErrorInfo(failure));
    } finally {
      // The secret has done its work (or failed): it is not kept, even for a retry.
      setChoice((current) => ({ ...current, secret: '' }));
      setStarting(false);
    }
  }

  const retryFailed = () => {
    setIds(progress?.failed.map((failure) => failure.id) ?? []);
    setJobId(undefined);
  };

  const signing = Boolean(jobId) && !finished;
  const titleId = 'sign-dialog-title';
  return (
    <dialog ref={dialog} className="relais-sign-dialog" aria-labelledby={titleId} onClose={() => onClose(signedAny.current)}
      // A batch under way runs to its end: Escape does not leave it without its summary.
      onCancel={(event) => signing && event.preventDefault()}
    >
      <div className="relais-sign-dialog__head">
        <h2 id={titleId} className="fr-h4 fr-mb-0">
          {countersign ? t('decisions.ui.countersign.title') : t('decisions.ui.sign.title', { count: ids.length })}
        </h2>
        <Button priority="tertiary" size="small" iconId="fr-icon-close-line" onClick={() => dialog.current?.close()} disabled={signing}>
          {t('decisions.ui.sign.close')}
        </Button>
      </div>
      {!jobId ? (
        <form onSubmit={(event) => void start(event)} noValidate>
          <p>{countersign ? t('decisions.ui.countersign.intro') : t('decisions.ui.sign.intro', { count: ids.length })}</p>
          {countersign && <CountersignerFields value={countersignerDraft} onChange={setCountersignerDraft} />}
          <CredentialsForm choice={choice} onChange={setChoice} secretRef={secretRef} />
          {error && <ErrorAlert error={error} className="fr-mb-2w" />}
          <Button type="submit" iconId="fr-icon-edit-line" disabled={!ready || starting}>
            {countersign ? t('decisions.ui.countersign.submit') : t('decisions.ui.sign.submit', { count: ids.length })}
          </Button>
        </form>
      ) : (
        <div role="status" aria-live="polite">
          {progress && (
            <>
              <label className="fr-label" htmlFor="sign-progress">
                {t('decisions.ui.sign.progress', { done: progress.done, failed: progress.failed.length, total: progress.total })}
              </label>
              <progress id="sign-progress" className="relais-sign-progress fr-mt-1w" max={progress.total} value={progress.done + progress.failed.length} />
            </>
          )}
          {!progress && !progressError && <p>{t('decisions.ui.sign.starting')}</p>}
          {progressError && <ErrorAlert error={progressError} />}
          {finished && <SignSummary progress={progress} decisions={decisions} countersign={countersign} />}
          {finished && (
            <div className="relais-decision-actions fr-mt-2w">
              {progress.failed.length > 0 && (
                <Button priority="secondary" onClick={retryFailed}>
                  {t('decisions.ui.sign.retryFailed', { count: progress.failed.length })}
                </Button>
              )}
              <Button onClick={() => dialog.current?.close()}>{t('decisions.ui.sign.done')}</Button>
            </div>
          )}
        </div>
      )}
    </dialog>
  );
}
