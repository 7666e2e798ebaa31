// Builds dist/esm and dist/cjs from the same sources with tsc (no bundling), so that
// `import` and `require` both get real modules with their own type declarations.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const run = (...args) => execFileSync(process.execPath, [tsc, ...args], { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
run('-p', 'tsconfig.build.json', '--outDir', 'dist/esm');
run(
  '-p',
  'tsconfig.build.json',
  '--outDir',
  'dist/cjs',
  '--module',
  'CommonJS',
  '--moduleResolution',
  'Node10',
  '--verbatimModuleSyntax',
  'false',
);
mkdirSync('dist/cjs', { recursive: true });
writeFileSync('dist/cjs/package.json', '{ "type": "commonjs" }\n');
chmodSync('dist/esm/cli/main.js', 0o755);
