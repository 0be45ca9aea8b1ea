// The injection grammar, tokenized with the TextMate engine and the TypeScript and Python grammars
// of the VS Code under test (both ship inside VS Code itself).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

interface Token {
  startIndex: number;
  endIndex: number;
  scopes: string[];
}
interface TextMate {
  Registry: new (options: unknown) => { loadGrammar(scope: string): Promise<{ tokenizeLine(line: string, state: unknown): { tokens: Token[]; ruleStack: unknown } } | null> };
  INITIAL: unknown;
  parseRawGrammar(content: string, path: string): unknown;
}
interface Oniguruma {
  loadWASM(data: ArrayBuffer | { data: ArrayBuffer }): Promise<void>;
  createOnigScanner(patterns: string[]): unknown;
  createOnigString(s: string): unknown;
}

const CITATION = 'decision-citation';

describe('citation grammar', function () {
  let tokenize: (scope: string, lines: string[]) => Promise<{ text: string; scopes: string[] }[][]>;

  before(async function () {
    const appRoot = vscode.env.appRoot;
    const req = createRequire(join(appRoot, 'package.json'));
    let textmate: TextMate;
    let onig: Oniguruma;
    try {
      textmate = req(join(appRoot, 'node_modules', 'vscode-textmate')) as TextMate;
      onig = req(join(appRoot, 'node_modules', 'vscode-oniguruma')) as Oniguruma;
    } catch (error) {
      assert.fail(`VS Code's TextMate engine is not at ${appRoot}/node_modules: ${String(error)}`);
    }
    const wasm = readFileSync(join(appRoot, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const contribution = (extension.packageJSON.contributes.grammars as { scopeName: string; path: string; injectTo: string[] }[]).find(
      (g) => g.scopeName === 'decisionlens.citation.injection',
    );
    assert.ok(contribution, 'the injection grammar is contributed');
    const files: Record<string, string> = {
      'source.ts': join(appRoot, 'extensions', 'typescript-basics', 'syntaxes', 'TypeScript.tmLanguage.json'),
      'source.python': join(appRoot, 'extensions', 'python', 'syntaxes', 'MagicPython.tmLanguage.json'),
      'decisionlens.citation.injection': join(extension.extensionPath, contribution.path),
    };
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({ createOnigScanner: onig.createOnigScanner, createOnigString: onig.createOnigString }),
      loadGrammar: async (scope: string) => (files[scope] ? textmate.parseRawGrammar(readFileSync(files[scope], 'utf8'), files[scope]) : null),
      getInjections: (scope: string) => (contribution.injectTo.includes(scope) ? [contribution.scopeName] : undefined),
    });
    tokenize = async (scope, lines) => {
      const grammar = await registry.loadGrammar(scope);
      assert.ok(grammar, `no grammar for ${scope}`);
      let state = textmate.INITIAL;
      return lines.map((line) => {
        const result = grammar.tokenizeLine(line, state);
        state = result.ruleStack;
        return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
      });
    };
  });

  function cited(tokens: { text: string; scopes: string[] }[]): string[] {
    return tokens.filter((t) => t.scopes.some((s) => s.includes(CITATION))).map((t) => t.text);
  }

  it('highlights citations inside TypeScript comments', async () => {
    const [line, block, annotation, path] = await tokenize('source.ts', [
      'const x = 1; // see ADR-0005 and MADR 9',
      '/* Policy: DL-2 §3b */',
      '// @decision(DL-1)',
      '// docs/adr/0008-global-trusted-request-service.md#context',
    ]);
    assert.deepEqual(cited(line), ['ADR-0005', 'MADR 9']);
    assert.deepEqual(cited(block), ['DL-2 §3b']);
    assert.deepEqual(cited(annotation), ['@decision(DL-1)']);
    assert.deepEqual(cited(path), ['docs/adr/0008-global-trusted-request-service.md#context']);
  });

  it('leaves code and strings alone', async () => {
    const [code, str] = await tokenize('source.ts', ['const ADR = 5; ADR-5;', "const s = 'ADR-0005'; // MADR-0001"]);
    assert.deepEqual(cited(code), []);
    assert.deepEqual(cited(str), ['MADR-0001']);
  });

  it('highlights citations inside Python comments', async () => {
    const [line] = await tokenize('source.python', ['SUPPORTED = ("3.12",)  # ADR-0020: minimum version policy']);
    assert.deepEqual(cited(line), ['ADR-0020']);
  });
});
