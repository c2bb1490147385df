/**
 * Errors cross every boundary as data: a code the user's language turns into a sentence
 * (shared/i18n, key `errors.<code>`), its parameters, and for invalid input the fields at fault.
 */

export const ERROR_CODES = [
  'invalid_arguments',
  'unknown_channel',
  'not_found',
  'case_file_corrupt',
  'case_file_too_new',
  'case_file_exists',
  'case_file_missing',
  /** The case file is encrypted and its key (outside the folder) cannot be found. */
  'case_file_key_missing',
  /** A key file is there but cannot be read (damaged, or sealed by another session of the OS). */
  'case_file_key_unreadable',
  'piece_unreadable',
  /** An imported piece names a blob the case file has not registered. */
  'piece_blob_missing',
  'unauthorized',
  /** The browser host stopped answering (the renderer could not reach it). */
  'host_unreachable',
  'renderer_not_built',
  /** A change that only applies to a dossier in another state (e.g. pass to instruction). */
  'dossier_wrong_state',
  /** A bulk action can be undone only while none of its changes has left for the hub. */
  'bulk_undo_synced',
  'bulk_already_undone',
  /** An undo is not undone in turn. */
  'bulk_not_undoable',
  /** SQLite could not grow the case file: the disk (or the file's size limit) is full. */
  'disk_full',
  /** Another program held the case file's write lock for longer than SQLite waits. */
  'case_file_busy',
  'annotation_field_missing',
  'annotation_piece_missing',
  'annotation_page_missing',
  /** Someone saved a newer version of the annotation since the editor opened it. */
  'annotation_stale',
  'annotation_removed',
  /** The programme file (criteria, grid, checklist) is missing or breaks its schema. */
  'programme_invalid',
  /** Evidence linked to a criterion is not a piece or an annotation of the dossier. */
  'evidence_not_in_dossier',
  'evidence_page_missing',
  'evidence_removed',
  /** Someone saved a newer version of the criterion since the screen showed it. */
  'evaluation_stale',
  /** A photo for a visit report: empty, too large, not a JPEG/PNG, undecodable, or named like a path. */
  'photo_empty',
  'photo_too_large',
  'photo_too_many_pixels',
  'photo_not_image',
  'photo_damaged',
  'photo_name_invalid',
  /** Another window saved a newer version of the visit report since this one loaded it. */
  'visit_conflict',
  /** The browser host refused a call larger than it accepts (a file too large to send). */
  'request_too_large',
  /** An instruction fact that cannot be: an extension out of its dates, a date still to come. */
  'extension_without_ar',
  'extension_decided',
  'extension_before_ar',
  'extension_after_due',
  'extension_not_later',
  'extension_not_last',
  'date_in_future',
  /** A message already sent, or saved meanwhile from another window; a text not ready to leave. */
  'message_not_draft',
  'message_stale',
  'message_subject_missing',
  'message_body_missing',
  'message_unknown_variable',
  'message_templates_invalid',
  /** Signing: a PKCS#12 file that cannot be opened, a certificate that may not sign now, a PDF that cannot take a signature. */
  'wrong_password',
  'p12_unreadable',
  'p12_without_key',
  'p12_legacy_encryption',
  'signing_key_unsupported',
  'certificate_expired',
  'certificate_not_yet_valid',
  'certificate_cannot_sign',
  'pdf_not_signable',
  'signature_too_large',
  /** Signing with a PKCS#11 token (smart card): the PIN, the card, its library. */
  'wrong_pin',
  'pin_locked',
  'token_without_key',
  'token_absent',
  'pkcs11_module_unavailable',
  /** Decisions: a stale or frozen act, one not ready to propose, a dossier that changed under a proposal, a role that may not act. */
  'decision_stale',
  'decision_not_editable',
  'decision_not_proposable',
  'decision_not_proposed',
  'decision_dossier_changed',
  'decision_dossier_decided',
  'role_forbidden',
  /** Countersigning: only a signed act takes a countersignature, and never twice from one certificate. */
  'decision_not_signed',
  'decision_same_certificate',
  /** Verifying signatures: a file that is not a PDF or cannot be read, a trust anchor file without a certificate, a decision not signed yet. */
  'verification_not_pdf',
  'verification_file_unreadable',
  'verification_trust_unreadable',
  'verification_decision_unsigned',
  /** Decision documents: a template or authorities file that breaks its schema, a region with no issuing authority. */
  'decision_templates_invalid',
  'decision_authority_unknown',
  /** Sync with the hub: no answer, a refused sign-in or token, an older desk, another hub, an error the hub reported. */
  'hub_unreachable',
  'hub_enrolment_refused',
  'hub_login_required',
  'hub_protocol_outdated',
  'hub_other',
  'hub_error',
  'hub_rate_limited',
  'sync_signed_out',
  /** Sync engine: a pulled change this desk does not know (older Relais), a downloaded file whose bytes do not match its hash, a conflict settled already. */
  'sync_change_unknown',
  'sync_blob_mismatch',
  'sync_conflict_settled',
  /** The hub's administration (relais hub …): an address that already has an account, a device the hub does not know. */
  'hub_user_exists',
  'hub_device_unknown',
  'hub_folder_busy',
  /** A file attached to a dossier from outside: refused before anything is stored (attach/). */
  'attach_name_invalid',
  'attach_empty',
  'attach_too_large',
  'attach_type_unsupported',
  'attach_unreadable_file',
  'attach_pdf_encrypted',
  'attach_pdf_damaged',
  'attach_pdf_bomb',
  'attach_too_complex',
  'attach_too_many_pixels',
  'attach_image_damaged',
  /** Backups, restore, export and import of the case file (electron/core/backup). */
  'backup_not_found',
  'backup_unreadable',
  /** Another process (the app, the browser host, a command) has the case file open. */
  'case_file_in_use',
  'export_passphrase_weak',
  'export_passphrase_missing',
  'export_passphrase_mismatch',
  'export_wrong_passphrase',
  'export_damaged',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the field at fault, e.g. `sort.column`. */
  path: string;
  message: string;
}

export interface ErrorInfo {
  code: ErrorCode;
  params?: Record<string, string | number>;
  issues?: FieldIssue[];
}

export class RelaisError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  readonly issues: FieldIssue[];

  constructor(code: ErrorCode, params: Record<string, string | number> = {}, issues: FieldIssue[] = []) {
    super(`${code}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}${issues.length ? ': ' + issues.map((i) => `${i.path}: ${i.message}`).join('; ') : ''}`);
    this.name = 'RelaisError';
    this.code = code;
    this.params = params;
    this.issues = issues;
  }

  toInfo(): ErrorInfo {
    return { code: this.code, params: this.params, issues: this.issues };
  }

  static fromInfo(info: ErrorInfo): RelaisError {
    return new RelaisError(info.code, info.params ?? {}, info.issues ?? []);
  }
}

/** Any failure as error info: a RelaisError as it is, anything else as `internal` with its message. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof RelaisError) return error.toInfo();
  return { code: 'internal', params: { message: error instanceof Error ? error.message : String(error) }, issues: [] };
}

/** What every transport carries back for one call. */
export type Envelope<T = unknown> = { ok: true; result: T } | { ok: false; error: ErrorInfo };
