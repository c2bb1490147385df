/**
 * The message rows, and each one's status: a draft until sent, then what the hub made of its
 * 'message.send' outbox entry (waiting or sent: not sent yet; applied: sent; else rejected).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Message, MessageStatus, MessageTemplateId } from '../../../shared/domain/message';
import { RelaisError } from '../../../shared/errors';
import { statementsFor } from '../db/statements';

interface MessageRow {
  id: string;
  dossierId: string;
  dossierSeq: number;
  templateId: MessageTemplateId;
  subject: string;
  body: string;
  answerDays: number;
  version: number;
  state: 'draft' | 'queued';
  author: string;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  answerBy: string | null;
  outboxState: string | null;
}

const SELECT = `SELECT m.id, d.id AS dossierId, m.dossier_seq AS dossierSeq, m.template_id AS templateId, m.subject, m.body,
    m.answer_days AS answerDays, m.version, m.state, m.author, m.created_at AS createdAt, m.updated_at AS updatedAt,
    m.sent_at AS sentAt, m.answer_by AS answerBy,
    (SELECT o.state FROM outbox o WHERE o.name = 'message.send' AND json_extract(o.args, '$.messageId') = m.id) AS outboxState
  FROM message m JOIN dossier d ON d.seq = m.dossier_seq`;

const statements = statementsFor((db) => ({
  one: db.prepare<[string], MessageRow>(`${SELECT} WHERE m.id = ?`),
  ofDossier: db.prepare<[number], MessageRow>(`${SELECT} WHERE m.dossier_seq = ? ORDER BY m.created_at DESC, m.id DESC`),
  insert: db.prepare<Omit<MessageRow, 'dossierId' | 'outboxState'>>(
    `INSERT INTO message (id, dossier_seq, template_id, subject, body, answer_days, version, state, author, created_at, updated_at, sent_at, answer_by)
     VALUES (@id, @dossierSeq, @templateId, @subject, @body, @answerDays, @version, @state, @author, @createdAt, @updatedAt, @sentAt, @answerBy)`,
  ),
  update: db.prepare<Pick<MessageRow, 'id' | 'subject' | 'body' | 'answerDays' | 'version' | 'state' | 'updatedAt' | 'sentAt' | 'answerBy'>>(
    `UPDATE message SET subject = @subject, body = @body, answer_days = @answerDays, version = @version, state = @state,
       updated_at = @updatedAt, sent_at = @sentAt, answer_by = @answerBy WHERE id = @id`,
  ),
  remove: db.prepare<[string]>('DELETE FROM message WHERE id = ?'),
}));

function statusOf(row: MessageRow): MessageStatus {
  if (row.state === 'draft') return 'draft';
  // No outbox entry: sent from another desk, received from the hub.
  if (row.outboxState === 'applied' || row.outboxState === null) return 'sent';
  if (row.outboxState === 'rejected' || row.outboxState === 'conflict') return 'rejected';
  return 'not_sent';
}

function toMessage(row: MessageRow): Message {
  const { dossierSeq: _seq, state: _state, outboxState: _outbox, ...message } = row;
  return { ...message, status: statusOf(row) };
}

export interface StoredMessage {
  message: Message;
  dossierSeq: number;
}

export function findMessage(db: Database, id: string): StoredMessage {
  const row = statements(db).one.get(id);
  if (!row) throw new RelaisError('not_found', { what: `message ${id}` });
  return { message: toMessage(row), dossierSeq: row.dossierSeq };
}

export function messagesOf(db: Database, dossierSeq: number): Message[] {
  return statements(db).ofDossier.all(dossierSeq).map(toMessage);
}

export function insertMessage(db: Database, dossierSeq: number, message: Message): void {
  statements(db).insert.run({ ...message, dossierSeq, state: message.status === 'draft' ? 'draft' : 'queued' });
}

export function updateMessage(db: Database, message: Message): void {
  statements(db).update.run({ ...message, state: message.status === 'draft' ? 'draft' : 'queued' });
}

export function deleteMessage(db: Database, id: string): void {
  statements(db).remove.run(id);
}

/** Refuses a change to a message that was sent, or that another window saved since `expectedVersion`. */
export function editableDraft(db: Database, id: string, expectedVersion: number): StoredMessage {
  const stored = findMessage(db, id);
  const { message } = stored;
  if (message.status !== 'draft') throw new RelaisError('message_not_draft', { sentAt: message.sentAt ?? '' });
  if (message.version !== expectedVersion) {
    throw new RelaisError('message_stale', { version: message.version, expected: expectedVersion });
  }
  return stored;
}
