// Every ```ts block in the READMEs and docs/ runs here against the sources, and every
// `console.log(...) // → text` line must print exactly that text: the docs cannot drift.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { format } from 'node:util';
import { afterAll, describe, expect, test, vi } from 'vitest';

const root = join(import.meta.dirname, '..');
const scratch = join(root, 'test', '.snippets');
const docs = [
  'README.md',
  'README.zh-CN.md',
  ...readdirSync(join(root, 'docs')).map((f) => join('docs', f)),
].filter((f) => f.endsWith('.md'));

interface Snippet {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

function snippetsOf(file: string): Snippet[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found: Snippet[] = [];
  for (const match of text.matchAll(/^```ts\n([\s\S]*?)^```/gm)) {
    const line = text.slice(0, match.index).split('\n').length;
    found.push({ file, line, code: match[1] ?? '' });
  }
  return found;
}

const snippets = docs.flatMap(snippetsOf);
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('documentation snippets', () => {
  test('there are snippets to run', () => {
    expect(snippets.length).toBeGreaterThan(3);
  });

  test.each(snippets)('$file:$line', async ({ file, line, code }) => {
    // Package specifiers point at the sources: `wechat-mp` → src/index.js, `wechat-mp/x` → src/x.js.
    const source = code.replaceAll(/from 'wechat-mp(?:\/([a-z]+))?'/g, (_, sub: string | undefined) => {
      return `from '${relative(scratch, join(root, 'src', `${sub ?? 'index'}.js`))}'`;
    });
    const path = join(scratch, `${file.replaceAll(/[/.]/g, '_')}_${line}.ts`);
    writeFileSync(path, source);
    // Every `// → text` comment is one printed line, in order (the formatter may wrap the call).
    const expected = [...code.matchAll(/\/\/ → (.*)$/gm)].map((m) => m[1]);
    const printed: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(format(...args));
    });
    try {
      await import(path);
    } finally {
      spy.mockRestore();
    }
    expect(printed).toEqual(expected);
  });
});
