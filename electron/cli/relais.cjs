#!/usr/bin/env node
// The `relais` command: the sources are TypeScript, compiled on the fly by tsx (no build step).
require('tsx/cjs/api').register();
require('./index.ts');
