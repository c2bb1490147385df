import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = __dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // Dependencies stay in node_modules (better-sqlite3-multiple-ciphers is native and cannot be bundled).
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          // Core starts it as a sibling of the bundle that runs the pool (text-pool.ts).
          'pdf-text-worker': resolve(root, 'electron/core/pdf/pdf-text-worker.ts'),
          // Lay out the PDFs and write the spreadsheets core exports (started through documents/worker-client.ts).
          'document-worker': resolve(root, 'electron/core/documents/document-worker.ts'),
          // Signs batches of PDFs with one opening of the signer (started through signing/sign-batch-client.ts).
          'sign-worker': resolve(root, 'electron/core/signing/sign-worker.ts'),
          // Verifies the signatures of a PDF (started through signing/verification/verify-client.ts).
          'verify-worker': resolve(root, 'electron/core/signing/verification/verify-worker.ts'),
          'spreadsheet-worker': resolve(root, 'electron/core/exports/spreadsheet-worker.ts'),
          // Runs the sync rounds on its own connection to the case file (started through sync/sync-client.ts).
          'sync-worker': resolve(root, 'electron/core/sync/sync-worker.ts'),
          // Daily backups, exports and reading imports (started through backup/worker-client.ts).
          'backup-worker': resolve(root, 'electron/core/backup/backup-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload can require only 'electron': everything else is bundled in.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    // Relative asset URLs: the same build loads from app://relais/ and from http://127.0.0.1:<port>/.
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
