import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
// The oxc parser that Vite's bundler ships (TypeScript 7 has no JavaScript API).
import { parseSync } from 'rolldown/experimental';
import { describe, expect, it } from 'vitest';

// Every word a person reads comes from the catalogues (uk + en). This scan fails on JSX text and on the
// text props people hear or see (aria-label, title, placeholder, alt) written straight into a component.
const ROOT = join(__dirname, '../../src/client');
const TEXT_PROPS = new Set(['aria-label', 'title', 'placeholder', 'alt']);
/** Words that are the same in every language (none yet: the brand comes from the catalogue too). */
const ALLOWED = new Set<string>([]);
const HAS_LETTER = /\p{L}/u;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(path);
    return entry.name.endsWith('.tsx') ? [path] : [];
  });
}

interface Node {
  readonly type: string;
  readonly start: number;
  readonly [key: string]: unknown;
}

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

const literalText = (node: Node | null | undefined): string | undefined => {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && (node.expressions as unknown[]).length === 0)
    return ((node.quasis as { value: { cooked: string } }[])[0]?.value.cooked ?? '') as string;
  return undefined;
};

function hardCodedStrings(fileName: string, source: string): string[] {
  const program = parseSync(fileName, source, { lang: 'tsx' }).program as unknown as Node;
  const found: string[] = [];
  const report = (node: Node, text: string | undefined) => {
    const trimmed = (text ?? '').replace(/\s+/g, ' ').trim();
    if (!HAS_LETTER.test(trimmed) || ALLOWED.has(trimmed)) return;
    const line = source.slice(0, node.start).split('\n').length;
    found.push(`${fileName}:${line}: ${trimmed}`);
  };
  const visit = (node: Node, parent: Node | undefined) => {
    if (node.type === 'JSXText') report(node, node.value as string);
    else if (node.type === 'JSXAttribute') {
      const name = node.name as Node;
      const value = node.value as Node | null;
      if (name.type === 'JSXIdentifier' && TEXT_PROPS.has(name.name as string) && value) {
        report(
          value,
          value.type === 'JSXExpressionContainer'
            ? literalText(value.expression as Node)
            : literalText(value),
        );
      }
    } else if (
      node.type === 'JSXExpressionContainer' &&
      parent &&
      (parent.type === 'JSXElement' || parent.type === 'JSXFragment')
    )
      report(node, literalText(node.expression as Node));
    for (const [key, child] of Object.entries(node)) {
      if (key === 'parent') continue;
      if (Array.isArray(child)) for (const item of child) if (isNode(item)) visit(item, node);
      if (isNode(child)) visit(child, node);
    }
  };
  visit(program, undefined);
  return found;
}

describe('no visible string is hard-coded in the app', () => {
  it('finds JSX text and text props with letters, and leaves catalogue calls and punctuation alone', () => {
    const sample = [
      'const a = <p>Збережено</p>;',
      'const b = <button aria-label="Close">×</button>;',
      "const c = <img alt={'photo'} />;",
      "const d = <p>{t('home.title')} · {tReason(x)}</p>;",
      'const e = <input placeholder={t(\'x\')} title="" />;',
      "const f = <p>{'Hello'}</p>;",
    ].join('\n');
    expect(hardCodedStrings('sample.tsx', sample)).toEqual([
      'sample.tsx:1: Збережено',
      'sample.tsx:2: Close',
      'sample.tsx:3: photo',
      'sample.tsx:6: Hello',
    ]);
  });

  it('src/client/**/*.tsx has none', () => {
    const found = tsxFiles(ROOT).flatMap((path) =>
      hardCodedStrings(relative(join(ROOT, '../..'), path), readFileSync(path, 'utf8')),
    );
    expect(found).toEqual([]);
  });
});
