#!/usr/bin/env node
// The published entry point runs the compiled CLI (npm run build writes dist/).
import { run } from '../dist/src/cli/main.js';

process.exitCode = await run(process.argv.slice(2));
