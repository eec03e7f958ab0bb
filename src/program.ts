/**
 * The command-line program, which cli.ts loads through V8's code cache: main.ts, then the exit.
 * A scan has written everything synchronously (output.ts), so it exits at once, without waiting
 * for anything Node.js may still hold open; other commands end as Node.js ends.
 */
import { main } from './main.js';

const argv = process.argv.slice(2);
void main(argv, process.env).then((code) => {
  process.exitCode = code;
  if (argv[0] === 'scan') process.exit();
});
