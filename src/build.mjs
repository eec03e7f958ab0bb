#!/usr/bin/env node
// The build: type declarations (tsc), the CommonJS bundles in dist/ (esbuild), then the files
// generated from the sources: hooks/pre-commit, hooks/pre-push and .pre-commit-hooks.yaml.
// Usage: node src/build.mjs   (npm run build)
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');
const DIST = join(ROOT, 'dist');

/** Bundles of their own: the entry, the program, the public API, and what a scan never loads. */
const ENTRIES = ['cli.ts', 'program.ts', 'index.ts', 'hookscript.ts'];
const LAZY = ['commands/install.ts', 'commands/doctor.ts', 'commands/explain.ts', 'commands/gitignore.ts', 'commands/baseline.ts', 'commands/fix.ts', 'report/sarif.ts', 'commands/receive.ts', 'commands/ci.ts'];

rmSync(DIST, { recursive: true, force: true });
execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--emitDeclarationOnly'], { cwd: ROOT, stdio: 'inherit' });

// One esbuild run per bundle, so that an import of a lazily loaded module becomes a require of
// that bundle by its path from this bundle's place in dist/.
const lazyFiles = new Set(LAZY.map((f) => join(SRC, f)));
for (const entry of [...ENTRIES, ...LAZY]) {
  const outfile = join(DIST, entry.replace(/\.ts$/, '.js'));
  await build({
    entryPoints: [join(SRC, entry)],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    supported: { 'dynamic-import': false },
    logLevel: 'warning',
    // The sources are ES modules; in a CommonJS bundle their folder and file are the bundle's.
    define: { 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
    plugins: [
      {
        name: 'lazy-bundles',
        setup(b) {
          b.onResolve({ filter: /^\./ }, (args) => {
            const target = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
            if (!lazyFiles.has(target) || target === join(SRC, entry)) return undefined;
            let path = relative(dirname(outfile), join(DIST, relative(SRC, target))).replace(/\.ts$/, '.js');
            if (!path.startsWith('.')) path = `./${path}`;
            return { path, external: true };
          });
        },
      },
    ],
  });
}
writeFileSync(join(DIST, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);

// Generated from the sources, checked in; a test regenerates them and fails on any difference.
const { generatedFiles } = createRequire(import.meta.url)(join(DIST, 'hookscript.js'));
for (const [file, text] of Object.entries(generatedFiles())) {
  mkdirSync(dirname(join(ROOT, file)), { recursive: true });
  writeFileSync(join(ROOT, file), text, { mode: file.startsWith('hooks/') ? 0o755 : 0o644 });
}
