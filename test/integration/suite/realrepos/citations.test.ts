// Citations as real repositories write them, with no settings: a Java e-adr annotation in code,
// a record URL in a comment, a learned MADR-017 prefix, and an annotation two records share.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, hoverText, open, positionOf } from '../editor/helpers';

const SERVICE = 'src/main/java/org/example/DeliveryService.java';

type Target = vscode.Location | vscode.LocationLink;

function targetUri(t: Target): vscode.Uri {
  return 'targetUri' in t ? t.targetUri : t.uri;
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

async function definitions(document: vscode.TextDocument, text: string, offset = 2): Promise<string[]> {
  const targets = (await vscode.commands.executeCommand<Target[]>('vscode.executeDefinitionProvider', document.uri, positionOf(document, text, offset))) ?? [];
  return targets.map((t) => baseName(targetUri(t))).sort();
}

describe('citations of real repositories, no settings', () => {
  it('hovers and goes to the record of an @ADR(38) annotation in Java code (not a comment)', async () => {
    await api();
    const editor = await open(SERVICE);
    const { text, hovers } = await hoverText(editor.document.uri, positionOf(editor.document, '@ADR(38)', 2));
    assert.equal(hovers.length, 1);
    assert.match(text, /ADR-0038 Mark decisions in code with annotations/);
    assert.match(text, /We annotate classes/);
    assert.equal(editor.document.getText(hovers[0].range), '@ADR(38)');
    assert.deepEqual(await definitions(editor.document, '@ADR(38)'), ['0038-mark-decisions-in-code-with-annotations.md']);
    // The annotation's import is no citation.
    const none = await hoverText(editor.document.uri, positionOf(editor.document, 'embedded.ADR', 10));
    assert.doesNotMatch(none.text, /Status:|no decision record/);
  });

  it('hovers and goes to the record a GitHub URL in a comment points at', async () => {
    await api();
    const editor = await open(SERVICE);
    const { text, hovers } = await hoverText(editor.document.uri, positionOf(editor.document, 'https://github.com/example', 30));
    assert.equal(hovers.length, 1);
    assert.match(text, /ADR-0018 Version identifier/);
    assert.equal(editor.document.getText(hovers[0].range), 'https://github.com/example/realrepos/blob/main/docs/adr/0018-version-identifier.md');
    assert.deepEqual(await definitions(editor.document, 'https://github.com/example', 30), ['0018-version-identifier.md']);
  });

  it('hovers and goes to MADR-017, a prefix the docs/madr records use for themselves', async () => {
    await api();
    const editor = await open(SERVICE);
    const { text } = await hoverText(editor.document.uri, positionOf(editor.document, 'MADR-017', 2));
    assert.match(text, /Retry failed deliveries with exponential backoff/);
    assert.deepEqual(await definitions(editor.document, 'MADR-017'), ['017-retry-policy.md']);
  });

  it('an annotation two records share shows both cards, offers both definitions and a warning with a fix per record', async () => {
    await api();
    const editor = await open(SERVICE);
    const { text } = await hoverText(editor.document.uri, positionOf(editor.document, '@ADR(28)', 2));
    assert.match(text, /may mean any of 2 decision records/);
    assert.match(text, /Semantics in the model/);
    assert.match(text, /Use hardcoded namespaces for threat modeling/);
    assert.deepEqual(await definitions(editor.document, '@ADR(28)'), ['0028-semantics-in-the-model.md', '0028-use-hardcoded-namespaces-for-threat-modeling.md']);
    const deadline = Date.now() + 15_000;
    let warning: vscode.Diagnostic | undefined;
    while (!warning && Date.now() < deadline) {
      warning = vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.code === 'ambiguous-citation');
      if (!warning) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(warning, 'an ambiguous-citation diagnostic');
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, warning.range)) ?? [];
    const titles = actions.map((a) => a.title).filter((t) => /by path/.test(t));
    assert.deepEqual(titles, ['Cite ADR-0028 (docs/adr/0028-semantics-in-the-model.md) by path', 'Cite ADR-0028 (docs/adr/0028-use-hardcoded-namespaces-for-threat-modeling.md) by path']);
  });
});
