// Turns data/errcodes.tsv (the platform's global return codes) into
// src/protocol/generated/errcodes.ts, plus a README that marks the folder as generated.
//
//   node scripts/generate-errcodes.mjs                 write into src/protocol/generated/
//   node scripts/generate-errcodes.mjs --out-dir DIR   write into DIR instead (used by the tests)
//   node scripts/generate-errcodes.mjs --check         exit 1 if the committed files are stale
//
// Plain Node ESM with no dependencies. The output depends only on the TSV's content, so running
// it twice gives the same bytes; test/protocol/errcodes.test.ts holds the committed file to that.
//
// Representation: the whole table goes into one template string, one `code\terrmsg\tmeaning_zh`
// row per line, which src/protocol/errcodes.ts splits into a Map on the first lookup. A single
// string literal costs the engine next to nothing to load (no 1,800 array or object literals to
// build at import time) and the diff of a TSV change stays one line per changed row.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HEADER = ['code', 'errmsg', 'meaning_zh'];

/** The README written next to the generated module. */
export const GENERATED_README = `# Generated code — do not edit

Everything in this folder is written by \`scripts/generate-errcodes.mjs\` from
\`data/errcodes.tsv\`. Hand edits are overwritten and make the "generated file is up to date"
test fail.

To change an error code, edit \`data/errcodes.tsv\` and run \`npm run generate\`. Our English
summaries and the retry/rate-limit flags live in \`src/protocol/errcodes.ts\`, not here.
`;

/**
 * Parses the TSV text. Rows keep the file's order; a code seen twice keeps its first row and is
 * reported in `duplicates`.
 * @param {string} text
 * @returns {{ rows: Array<[number, string, string]>, duplicates: number[] }}
 */
export function parseErrcodesTsv(text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const header = lines.shift()?.split('\t') ?? [];
  if (header.join('\t') !== HEADER.join('\t')) {
    throw new Error(`errcodes.tsv: expected the header "${HEADER.join('\\t')}", got "${header.join('\\t')}"`);
  }
  /** @type {Array<[number, string, string]>} */
  const rows = [];
  /** @type {number[]} */
  const duplicates = [];
  const seen = new Set();
  lines.forEach((line, index) => {
    const lineNo = index + 2;
    if (line.trim() === '') return;
    const fields = line.split('\t');
    if (fields.length < 2 || fields.length > 3) {
      throw new Error(`errcodes.tsv:${lineNo}: expected 3 tab-separated fields, got ${fields.length}`);
    }
    const [codeText = '', errmsg = '', meaningZh = ''] = fields;
    if (!/^-?\d+$/.test(codeText) || !Number.isSafeInteger(Number(codeText))) {
      throw new Error(`errcodes.tsv:${lineNo}: code "${codeText}" is not an integer`);
    }
    const code = Number(codeText);
    if (seen.has(code)) {
      duplicates.push(code);
      return;
    }
    seen.add(code);
    rows.push([code, errmsg, meaningZh]);
  });
  return { rows, duplicates };
}

/** Escapes text for a template literal; tabs become `\t` so the generated file shows no raw tabs. */
const escapeTemplate = (text) =>
  text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${').replace(/\t/g, '\\t');

/**
 * Renders the TypeScript module for the parsed rows.
 * @param {{ rows: Array<[number, string, string]>, duplicates: number[] }} table
 * @returns {string}
 */
export function renderErrcodesModule({ rows, duplicates }) {
  const duplicateNote =
    duplicates.length === 0
      ? '// The TSV has no duplicate codes.'
      : `// Duplicate codes in the TSV (first row kept, later ones dropped): ${duplicates.join(', ')}.`;
  const body = rows.map(([code, errmsg, meaningZh]) => escapeTemplate(`${code}\t${errmsg}\t${meaningZh}`));
  return `// Generated from data/errcodes.tsv by scripts/generate-errcodes.mjs. DO NOT EDIT.
// Change the TSV and run \`npm run generate\` instead.
//
// ${rows.length} codes, one \`code\\terrmsg\\tmeaning_zh\` row per line (either text may be empty),
// split into a Map by src/protocol/errcodes.ts on first use.
${duplicateNote}

/** How many distinct codes {@link ERRCODE_ROWS} holds. */
export const ERRCODE_COUNT = ${rows.length};

/** The platform's global return codes: \`code\\terrmsg\\tmeaning_zh\` rows separated by \`\\n\`, no header. */
export const ERRCODE_ROWS = \`${body.join('\n')}\`;
`;
}

/**
 * Reads the TSV and returns the files to write, keyed by file name.
 * @param {string} [tsvPath]
 */
export function generateErrcodeFiles(tsvPath = join(ROOT, 'data', 'errcodes.tsv')) {
  const table = parseErrcodesTsv(readFileSync(tsvPath, 'utf8'));
  return {
    table,
    files: { 'errcodes.ts': renderErrcodesModule(table), 'README.md': GENERATED_README },
  };
}

function main(argv) {
  let outDir = join(ROOT, 'src', 'protocol', 'generated');
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') check = true;
    else if (arg === '--out-dir' && argv[i + 1] !== undefined) outDir = resolve(argv[++i]);
    else {
      process.stderr.write(`generate-errcodes: unknown argument "${arg}"\n`);
      process.stderr.write('usage: node scripts/generate-errcodes.mjs [--out-dir DIR] [--check]\n');
      return 2;
    }
  }

  const { table, files } = generateErrcodeFiles();
  for (const code of table.duplicates) {
    process.stderr.write(`generate-errcodes: code ${code} appears more than once; kept the first row\n`);
  }

  if (check) {
    const stale = Object.entries(files).filter(([name, content]) => {
      try {
        return readFileSync(join(outDir, name), 'utf8') !== content;
      } catch {
        return true;
      }
    });
    for (const [name] of stale) process.stderr.write(`generate-errcodes: ${join(outDir, name)} is stale\n`);
    if (stale.length > 0) {
      process.stderr.write('generate-errcodes: run `npm run generate` and commit the result\n');
      return 1;
    }
    process.stdout.write(`generate-errcodes: up to date (${table.rows.length} codes)\n`);
    return 0;
  }

  mkdirSync(outDir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(outDir, name), content);
  process.stdout.write(`generate-errcodes: wrote ${table.rows.length} codes to ${outDir}\n`);
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
