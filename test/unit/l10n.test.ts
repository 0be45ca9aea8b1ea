// The translation bundles: l10n/bundle.l10n.json lists every string the extension and the New
// Decision form show (as @vscode/l10n-dev extracts them from src/, `npm run l10n`), and each
// translation (l10n/bundle.l10n.<lang>.json, package.nls.<lang>.json) translates only strings that
// exist, keeps every {0} placeholder, and keeps every link (a translation never adds or changes a
// command link or URL). The German form is checked end to end in test/e2e/localisation.e2e.ts.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

const ROOT = join(__dirname, '..', '..');
const L10N = join(ROOT, 'l10n');

type Bundle = Record<string, string | { message: string; comment: string[] }>;

function readJson(path: string): Bundle {
  return JSON.parse(readFileSync(path, 'utf8')) as Bundle;
}

function message(value: Bundle[string]): string {
  return typeof value === 'string' ? value : value.message;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** `{0}`, `{1}`, ... in order of appearance, sorted (a translation may reorder them). */
function placeholders(text: string): string[] {
  return (text.match(/\{\d+\}/g) ?? []).sort();
}

/** Link targets of Markdown links: `command:...` and URLs. */
function links(text: string): string[] {
  return [...text.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]).sort();
}

/**
 * Strings `l10n.t` is called with in what the New Decision form shows: its webview bundle, and
 * the core's field messages and format reasons (`@vscode/l10n` in src/core/templates/).
 */
function formStrings(): string[] {
  const files = [['webview', 'main.ts'], ['core', 'templates', 'validate.ts'], ['core', 'templates', 'plan.ts']];
  return files.flatMap((parts) => {
    const text = readFileSync(join(ROOT, 'src', ...parts), 'utf8');
    return [...text.matchAll(/l10n\.t\('((?:[^'\\]|\\.)*)'/g)].map((m) => m[1].replace(/\\(.)/g, '$1'));
  });
}

const english = readJson(join(L10N, 'bundle.l10n.json'));
const englishNls = readJson(join(ROOT, 'package.nls.json'));
const translations = readdirSync(L10N).filter((n) => /^bundle\.l10n\.[a-z]{2}(-[a-z]{2})?\.json$/i.test(n));
const nlsTranslations = readdirSync(ROOT).filter((n) => /^package\.nls\.[a-z]{2}(-[a-z]{2})?\.json$/i.test(n));

describe('localisation bundles', function () {
  this.timeout(120_000);

  it('l10n/bundle.l10n.json is what @vscode/l10n-dev extracts from src/ (run `npm run l10n` after adding a string)', async () => {
    const files = sourceFiles(join(ROOT, 'src')).map((path) => ({ extension: path.endsWith('.tsx') ? '.tsx' : '.ts', contents: readFileSync(path, 'utf8') }));
    const extracted = await getL10nJson(files);
    assert.deepEqual(Object.keys(english).sort(), Object.keys(extracted).sort());
    for (const key of Object.keys(extracted)) assert.equal(message(english[key]), message(extracted[key]), key);
  });

  it('the form\'s own labels are in the bundle', () => {
    const strings = formStrings();
    assert.ok(strings.length >= 50, `found ${strings.length} form strings`);
    for (const s of ['Decision makers', 'Add Option', 'Considered options', 'Create', 'Option {0}']) assert.ok(strings.includes(s), s);
    for (const s of strings) assert.ok(s in english, `"${s}" is in l10n/bundle.l10n.json`);
  });

  it('there is a German translation of the bundle and of package.nls.json', () => {
    assert.ok(translations.includes('bundle.l10n.de.json'));
    assert.ok(nlsTranslations.includes('package.nls.de.json'));
  });

  for (const file of translations) {
    describe(`l10n/${file}`, () => {
      const translated = readJson(join(L10N, file));

      it('translates only strings of bundle.l10n.json, keeping their placeholders and links', () => {
        for (const [key, value] of Object.entries(translated)) {
          assert.ok(key in english, `"${key}" is not in bundle.l10n.json`);
          assert.equal(typeof value, 'string', key);
          assert.ok(message(value).trim() !== '', `"${key}" is empty`);
          assert.deepEqual(placeholders(message(value)), placeholders(message(english[key])), `placeholders of "${key}"`);
          assert.deepEqual(links(message(value)), links(message(english[key])), `links of "${key}"`);
        }
      });

      it('translates every label of the New Decision form', () => {
        const missing = formStrings().filter((s) => !(s in translated));
        assert.deepEqual(missing, []);
      });
    });
  }

  for (const file of nlsTranslations) {
    describe(file, () => {
      const translated = readJson(join(ROOT, file));

      it('translates only keys of package.nls.json, keeping placeholders and links', () => {
        for (const [key, value] of Object.entries(translated)) {
          assert.ok(key in englishNls, `${key} is not in package.nls.json`);
          assert.deepEqual(placeholders(message(value)), placeholders(message(englishNls[key])), `placeholders of ${key}`);
          assert.deepEqual(links(message(value)), links(message(englishNls[key])), `links of ${key}`);
        }
      });

      it('translates every command title and the walkthrough', () => {
        const keys = Object.keys(englishNls).filter((k) => /^(command\.|walkthrough\.)/.test(k));
        assert.ok(keys.length >= 20, `${keys.length} keys`);
        assert.deepEqual(keys.filter((k) => !(k in translated)), []);
      });
    });
  }
});
