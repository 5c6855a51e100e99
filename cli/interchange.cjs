#!/usr/bin/env node
// `npx interchange`: runs the TypeScript command line through tsx, as `npm start` runs local mode.
require('tsx/cjs');
require('./interchange.ts');
