#!/usr/bin/env node
/** The torch7ts command line. `torch7ts demo` (what `npm start` runs until the trainer lands). */
import { demo } from './demo.js';

const USAGE = `usage: torch7ts <command>
  demo     a tour of the torch tensor library (what npm start runs)`;

const [command = 'demo', ...rest] = process.argv.slice(2);
switch (command) {
  case 'demo':
    demo(rest);
    break;
  case 'help': case '--help': case '-h':
    console.log(USAGE);
    break;
  default:
    console.error(`torch7ts: unknown command '${command}'\n${USAGE}`);
    process.exitCode = 2;
}
