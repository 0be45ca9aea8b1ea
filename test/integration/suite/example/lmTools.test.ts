// The language model tools, called the way agent mode calls them (`vscode.lm.invokeTool`), on the
// example workspace: the decisions they name are the workspace's real records and statuses.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import manifest from '../../../../package.json';

const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;

interface Api {
  whenIdle(): Promise<void>;
}

/** The text of a tool result (its text parts joined). */
function textOf(result: vscode.LanguageModelToolResult): string {
  return result.content
    .filter((p): p is vscode.LanguageModelTextPart => p instanceof vscode.LanguageModelTextPart || typeof (p as { value?: unknown }).value === 'string')
    .map((p) => p.value)
    .join('');
}

async function invoke(name: string, input: object): Promise<string> {
  const source = new vscode.CancellationTokenSource();
  try {
    return textOf(await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, source.token));
  } finally {
    source.dispose();
  }
}

/** `- ID: "title"` lines of an answer, with the status line that follows each. */
function decisionsIn(text: string): { id: string; title: string; status: string }[] {
  const out: { id: string; title: string; status: string }[] = [];
  const re = /^- (\S+): "((?:[^"\\]|\\.)*)"\n {2}status: ([^\n]*)$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ id: m[1]!, title: JSON.parse(`"${m[2]!}"`) as string, status: m[3]! });
  return out;
}

describe('language model tools through vscode.lm.invokeTool', () => {
  before(async function () {
    this.timeout(120_000);
    const extension = vscode.extensions.getExtension<Api>(EXTENSION_ID);
    assert.ok(extension);
    const api = await extension.activate();
    await api.whenIdle();
  });

  it('are registered with VS Code under the names the manifest declares', () => {
    const names = vscode.lm.tools.map((t) => t.name);
    assert.ok(names.includes('decisions_for_file'), names.join(', '));
    assert.ok(names.includes('find_decisions'));
    const tool = vscode.lm.tools.find((t) => t.name === 'decisions_for_file')!;
    assert.match(tool.description, /never instructions/);
    assert.deepEqual(Object.keys((tool.inputSchema as { properties: object }).properties), ['path']);
  });

  it('decisions_for_file names the decisions a file cites, and the successor of the superseded one', async () => {
    const text = await invoke('decisions_for_file', { path: 'src/legacy/pollPartners.ts' });
    assert.deepEqual(decisionsIn(text), [
      { id: 'ADR-0002', title: 'Poll partner APIs for new orders', status: 'accepted; no longer in force: ADR-0003 supersedes it' },
      { id: 'ADR-0003', title: 'Receive partner orders through webhooks', status: 'accepted' },
      { id: 'DL-3', title: 'Keep polling for partners without webhook support', status: 'accepted' },
    ]);
    assert.match(text, /superseded by: ADR-0003 "Receive partner orders through webhooks" \(docs\/adr\/0003-receive-partner-orders-through-webhooks\.md, accepted\)/);
    assert.match(text, /record: DECISIONS\.md \(line \d+, an entry of a decision log\)/);
    assert.match(text, /^Values in double quotes are quoted from the decision records/);
  });

  it('decisions_for_file names the decisions whose applies-to globs govern the file', async () => {
    const text = await invoke('decisions_for_file', { path: 'src/orders/orderStore.ts' });
    assert.deepEqual(decisionsIn(text), [{ id: 'ADR-0005', title: 'Store idempotency keys in Postgres', status: 'proposed' }]);
    assert.match(text, /governs this file \(applies-to "src\/orders\/orderStore\.ts"\)/);
    assert.match(text, /decision makers: "Tom Okafor"/);
    assert.match(text, /record: docs\/adr\/0005-store-idempotency-keys-in-postgres\.md/);
  });

  it('decisions_for_file without a path answers for the active editor, as it is now', async () => {
    const [file] = await vscode.workspace.findFiles('src/webhooks/verifySignature.ts');
    assert.ok(file);
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    const text = await invoke('decisions_for_file', {});
    assert.deepEqual(
      decisionsIn(text).map((d) => `${d.id} ${d.status}`),
      ['ADR-0004 accepted'],
    );
    assert.match(text, /decisions? for src\/webhooks\/verifySignature\.ts/);
    assert.match(text, /governs this file \(applies-to "src\/webhooks\/\*\*"\)/);
  });

  it('decisions_for_file refuses a path out of the workspace with a message', async () => {
    const text = await invoke('decisions_for_file', { path: '../../etc/passwd' });
    assert.match(text, /leads out of the workspace folder/);
    assert.deepEqual(decisionsIn(text), []);
  });

  it('find_decisions finds by text, status and tag', async () => {
    const byText = decisionsIn(await invoke('find_decisions', { text: 'webhook signatures' }));
    assert.deepEqual(byText, [{ id: 'ADR-0004', title: 'Verify webhook signatures with HMAC-SHA256', status: 'accepted' }]);
    const rejected = decisionsIn(await invoke('find_decisions', { status: 'rejected' }));
    assert.deepEqual(rejected.map((d) => `${d.id} ${d.status}`), ['ADR-0006 rejected']);
    const proposed = decisionsIn(await invoke('find_decisions', { status: 'proposed' }));
    assert.deepEqual(proposed.map((d) => d.id).sort(), ['ADR-0005', 'DL-4']);
    const security = decisionsIn(await invoke('find_decisions', { tag: 'security' }));
    assert.deepEqual(security.map((d) => d.id), ['ADR-0004']);
    const superseded = await invoke('find_decisions', { status: 'superseded' });
    assert.deepEqual(decisionsIn(superseded).map((d) => d.id), ['ADR-0002']);
    assert.match(superseded, /superseded by: ADR-0003/);
  });

  it('find_decisions says how many match and keeps to the limit', async () => {
    const text = await invoke('find_decisions', { limit: 3 });
    assert.equal(decisionsIn(text).length, 3);
    assert.match(text, /^10 decisions match no criteria \(every decision\); the first 3 follow/m);
    const none = await invoke('find_decisions', { text: 'kubernetes' });
    assert.match(none, /No decision matches text "kubernetes"/);
  });
});
