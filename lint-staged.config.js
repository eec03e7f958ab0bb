// Our own pre-commit (see .husky/pre-commit): type-check when TypeScript is staged. A function,
// so that tsc checks the whole project rather than the staged files alone.
export default {
  '*.ts': () => 'tsc -p tsconfig.json --noEmit',
};
