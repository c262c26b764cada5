#!/usr/bin/env node
// The package ships its TypeScript source (no build step): tsx's require hook runs the CLI from it.
require('tsx/cjs');
require('../cli.ts');
