/** Every migration, in order; a new one is appended here with the next version number. */
import type { Migration } from './migration';
import { caseFile001 } from './001-case-file';
import { annotations002 } from './002-annotations';
import { evaluation003 } from './003-evaluation';
import { visits004 } from './004-visits';
import { messagesInstruction005 } from './005-messages-instruction';
import { list006 } from './006-list';
import { decisions007 } from './007-decisions';
import { sync008 } from './008-sync';
import { refusedSignatures009 } from './009-refused-signatures';
import { attachedPieces010 } from './010-attached-pieces';

export const MIGRATIONS: readonly Migration[] = [caseFile001, annotations002, evaluation003, visits004, messagesInstruction005, list006, decisions007, sync008, refusedSignatures009, attachedPieces010];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
