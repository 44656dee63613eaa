#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm install` through the prepare script, or `npm run build`).
import { main } from '../dist/pipeline/cli.js';

process.exitCode = await main(process.argv.slice(2));
