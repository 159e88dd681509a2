#!/usr/bin/env node
/** The torch7ts command line: `torch7ts train [options]` (what npm start runs) and `torch7ts demo`. */
import { demo } from './demo.js';
import { t7Command } from './t7.js';
import { trainCommand } from './train.js';

const USAGE = `usage: torch7ts <command> [options]
  train    train a LeNet (or an MLP) on MNIST with optim (torch7ts train --help)
  t7       inspect or convert Torch7 files (torch7ts t7 --help)
  demo     a tour of the torch tensor library`;

async function main(argv: string[]): Promise<number> {
  const [command = 'train', ...rest] = argv;
  switch (command) {
    case 'train':
      return trainCommand(rest);
    case 't7':
      return t7Command(rest);
    case 'demo':
      demo(rest);
      return 0;
    case 'help': case '--help': case '-h':
      console.log(USAGE);
      return 0;
    default:
      console.error(`torch7ts: unknown command '${command}'\n${USAGE}`);
      return 2;
  }
}

// `torch7ts train | head`: a closed pipe ends the program quietly
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    console.error(`torch7ts: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.TORCH7TS_DEBUG && err instanceof Error) console.error(err.stack);
    process.exitCode = 1;
  },
);
