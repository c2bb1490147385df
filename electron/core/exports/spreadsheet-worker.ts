/** Worker thread entry: writes one CSV or XLSX file per message (spreadsheet.ts). */
import { parentPort } from 'node:worker_threads';
import { serveJobs } from '../documents/worker-client';
import { spreadsheetBytes, type SpreadsheetJob } from './spreadsheet';

if (!parentPort) throw new Error('spreadsheet-worker must run in a worker thread');
serveJobs<SpreadsheetJob, Uint8Array>(parentPort, spreadsheetBytes, (bytes) => [bytes.buffer as ArrayBuffer]);
