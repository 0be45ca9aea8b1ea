// The branch changes Start Design Review of Branch Changes reads, on real git repositories.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changedFiles } from '../../src/host/branchChanges';
import { isReviewState, isWebviewMessage } from '../../src/features/review/protocol';

function sh(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
}

describe('review: files changed on the branch (git)', function () {
  this.timeout(60_000);
  let dir = '';

  before(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'dl-review-git-')));
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists files added or changed since the branch left main, untracked ones included, deleted ones not', async () => {
    const repo = join(dir, 'repo');
    mkdirSync(join(repo, 'docs', 'adr'), { recursive: true });
    sh(repo, 'init', '-q', '-b', 'main');
    writeFileSync(join(repo, 'docs/adr/0001-a.md'), '# 1. A\n');
    writeFileSync(join(repo, 'docs/adr/0002-b.md'), '# 2. B\n');
    writeFileSync(join(repo, 'docs/adr/0003-c.md'), '# 3. C\n');
    sh(repo, 'add', '.');
    sh(repo, 'commit', '-q', '-m', 'base');
    sh(repo, 'checkout', '-q', '-b', 'feature');
    writeFileSync(join(repo, 'docs/adr/0002-b.md'), '# 2. B\n\nChanged.\n');
    writeFileSync(join(repo, 'docs/adr/0004-d.md'), '# 4. D\n');
    sh(repo, 'add', '.');
    sh(repo, 'commit', '-q', '-m', 'feature');
    writeFileSync(join(repo, 'docs/adr/0005-e.md'), '# 5. E\n');
    rmSync(join(repo, 'docs/adr/0003-c.md'));
    const changed = await changedFiles(join(repo, 'docs'));
    assert.ok(changed);
    assert.equal(changed.top, repo);
    assert.deepEqual([...changed.files].sort(), ['docs/adr/0002-b.md', 'docs/adr/0004-d.md', 'docs/adr/0005-e.md']);
  });

  it('says it cannot tell outside a repository', async () => {
    const plain = join(dir, 'plain');
    mkdirSync(plain);
    assert.equal(await changedFiles(plain), undefined);
  });
});

describe('review panel messages (host-side validation)', () => {
  it('accepts the messages of the protocol and nothing else', () => {
    for (const ok of [
      { type: 'ready' },
      { type: 'copyMarkdown' },
      { type: 'exportAgenda' },
      { type: 'action', action: 'accept', key: 'ADR-5', path: 'docs/adr/0005-x.md' },
      { type: 'openLink', href: 'https://x.example', key: 'ADR-5', path: 'docs/adr/0005-x.md' },
    ]) {
      assert.ok(isWebviewMessage(ok), JSON.stringify(ok));
    }
    for (const bad of [
      null,
      'ready',
      { type: 'run', command: 'workbench.action.quit' },
      { type: 'action', action: 'delete', key: 'ADR-5', path: 'x.md' },
      { type: 'action', action: 'accept', key: 5, path: 'x.md' },
      { type: 'action', action: 'accept', key: '', path: 'x.md' },
      { type: 'action', action: 'accept', key: 'ADR-5', path: 'x'.repeat(5000) },
      { type: 'openLink', href: 'https://x', key: 'ADR-5' },
    ]) {
      assert.ok(!isWebviewMessage(bad), JSON.stringify(bad)?.slice(0, 80));
    }
  });

  it('restores a review only from a well-formed state', () => {
    assert.ok(isReviewState({ scope: 'Proposed decisions', decisions: [{ path: '/w/docs/adr/0005-x.md', key: 'ADR-5' }] }));
    assert.ok(isReviewState({ scope: 'Proposed decisions', decisions: [] }));
    for (const bad of [undefined, {}, { scope: 'x', decisions: [{ path: 5, key: 'ADR-5' }] }, { scope: 'x', decisions: 'all' }, { scope: 'x', decisions: Array.from({ length: 10_001 }, () => ({ path: '/a.md', key: 'A-1' })) }]) {
      assert.ok(!isReviewState(bad));
    }
  });
});
