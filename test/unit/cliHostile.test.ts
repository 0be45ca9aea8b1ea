/**
 * The command line on hostile trees (issue 9, part 4): FIFOs, links to /dev/zero and out of the
 * root, huge settings, escape codes and newlines in file names, unreadable, UTF-16, NUL-byte and
 * over-2-MB records. Each tree is built here in a temp folder; the bundled CLI runs as a child
 * process with a time limit, so a hang fails the test instead of stalling the run.
 */
import * as assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, stop } from 'esbuild';

const REPO = resolve(__dirname, '../..');
/** A command that has not finished after this long hangs (a normal run takes well under a second). */
const HANG_MS = 30_000;
/** Text only the file outside the root holds. */
const SECRET = 'TOP-SECRET-7f3a9c-do-not-print';
const ESC = '\u001b';

interface Run {
  readonly code: number | string;
  readonly stdout: string;
  readonly stderr: string;
}

let work = '';
let cli = '';
let root = '';
/** chmod 000 stops reads only for users other than root. */
const runsAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function run(args: readonly string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, ...args, '--root', root, '--quiet'], { timeout: HANG_MS, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : error.killed ? 'killed (hang)' : String(error.code)) : 0;
      done({ code, stdout, stderr });
    });
  });
}

function record(n: number, title: string, extra = ''): string {
  return `# ${n}. ${title}\n\nDate: 2026-01-0${(n % 9) + 1}\n\n## Status\n\nAccepted\n\n## Context\n\nWhy ${title}.\n${extra}\n## Decision\n\nWe do it.\n\n## Consequences\n\nFine.\n`;
}

/** The UTF-16 LE bytes of a text, with a BOM when asked. */
function utf16(text: string, bom: boolean): Buffer {
  const body = Buffer.from(text, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

function noRawControls(text: string, what: string): void {
  // Output lines may hold tabs and line breaks; nothing else below U+0020, no DEL or C1.
  // eslint-disable-next-line no-control-regex -- control characters are what this matches
  const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.exec(text);
  assert.equal(raw, null, `${what} holds a raw control character U+${raw?.[0].charCodeAt(0).toString(16).padStart(4, '0')}`);
}

describe('decision-lens CLI on hostile trees', function () {
  this.timeout(4 * HANG_MS);

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'decision-lens-hostile-'));
    cli = join(work, 'cli.js');
    await build({ entryPoints: [join(REPO, 'src/cli/main.ts')], outfile: cli, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });

    // Outside the root: a record and a source file holding the secret, and a folder of records.
    const outside = join(work, 'outside');
    mkdirSync(join(outside, 'adr'), { recursive: true });
    writeFileSync(join(outside, 'secret.md'), record(3, `Leak ${SECRET}`, `\n${SECRET}\n`));
    writeFileSync(join(outside, 'secret.ts'), `// ADR-0001 ${SECRET}\n`);
    writeFileSync(join(outside, 'adr/0020-outside.md'), record(20, `Outside ${SECRET}`));

    root = join(work, 'repo');
    const adr = join(root, 'docs/adr');
    mkdirSync(adr, { recursive: true });
    mkdirSync(join(root, 'src'), { recursive: true });
    mkdirSync(join(root, '.vscode'), { recursive: true });
    writeFileSync(join(adr, '0001-use-postgres.md'), record(1, 'Use Postgres'));
    // Over 2 MB: skipped, its citations are not "unknown".
    writeFileSync(join(adr, '0002-huge.md'), record(2, 'Huge') + 'x'.repeat(2 * 1024 * 1024 + 10));
    // A link to a file outside the root whose text must never be printed.
    symlinkSync(join(outside, 'secret.md'), join(adr, '0003-leak.md'));
    symlinkSync(join(outside, 'secret.ts'), join(root, 'src/leak.ts'));
    symlinkSync(join(outside, 'adr'), join(root, 'docs/linked'));
    // A FIFO as a record and a source file; a link to /dev/zero as a record.
    execFileSync('mkfifo', [join(adr, '0004-pipe.md')]);
    execFileSync('mkfifo', [join(root, 'src/pipe.ts')]);
    symlinkSync('/dev/zero', join(adr, '0005-zero.md'));
    // UTF-16 with a BOM is read; without one it looks binary.
    writeFileSync(join(adr, '0006-utf16.md'), utf16(record(6, 'Wide characters'), true));
    writeFileSync(join(adr, '0007-utf16-nobom.md'), utf16(record(7, 'No BOM'), false));
    writeFileSync(join(adr, '0008-nul.md'), Buffer.concat([Buffer.from(record(8, 'Nul byte')), Buffer.from([0, 1, 2])]));
    // Unreadable: a link that points at itself (ELOOP) for everyone; chmod 000 for non-root users.
    symlinkSync('0009-loop.md', join(adr, '0009-loop.md'));
    if (!runsAsRoot) {
      writeFileSync(join(adr, '0010-locked.md'), record(10, 'Locked'));
      chmodSync(join(adr, '0010-locked.md'), 0o000);
    }
    writeFileSync(join(adr, '0011-back\\slash.md'), record(11, 'Backslash'));
    // Escape codes and a newline in names, and in a title.
    writeFileSync(join(adr, `0012-${ESC}[31mred${ESC}[0m.md`), record(12, `Red ${ESC}]0;pwned\u0007 title\u009b31m`));
    writeFileSync(join(root, `src/evil${ESC}[2J\nname.ts`), '// ADR-0404 is not a decision\n');
    // Tags (front matter) with a line break and an escape code.
    writeFileSync(join(adr, '0013-tagged.md'), '---\nstatus: accepted\ndate: 2026-02-02\ntags: ["two\\nlines", "clear\\u001b[2Jscreen"]\n---\n# Tagged\n\n## Context and Problem Statement\n\nTags.\n');
    // Nested deeper than the walk goes.
    const deep = join(root, ...Array.from({ length: 130 }, () => 'd'));
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'deep.ts'), '// ADR-0001\n');
    // Citations of every record above.
    writeFileSync(
      join(root, 'src/app.ts'),
      ['// ADR-0001', '// ADR-0002', '// ADR-0003', '// ADR-0004', '// ADR-0005', '// ADR-0006', '// ADR-0007', '// ADR-0008', '// ADR-0009', '// ADR-0011', '// ADR-0012', '// ADR-0020', ''].join('\n'),
    );
    // Settings: a FIFO (reading it blocks forever without O_NONBLOCK).
    execFileSync('mkfifo', [join(root, '.vscode/settings.json')]);
    // Config files: `.adr-dir` links to /dev/zero; a 2 MB adr.config.json.
    symlinkSync('/dev/zero', join(root, '.adr-dir'));
    writeFileSync(join(root, 'adr.config.json'), '{"path": "docs/adr"' + ' '.repeat(2 * 1024 * 1024) + '}');
  });

  after(async () => {
    if (work) rmSync(work, { recursive: true, force: true });
    await stop();
  });

  const commands: readonly (readonly string[])[] = [
    ['list'],
    ['list', '--json'],
    ['show', 'ADR-1'],
    ['show', 'ADR-3'],
    ['show', 'docs/adr/0003-leak.md'],
    ['show', 'ADR-20', '--json'],
    ['check'],
    ['check', '--json'],
    ['check', '--anywhere'],
  ];
  for (const args of commands) {
    it(`${args.join(' ')}: finishes, prints nothing from outside the root and no raw control character`, async () => {
      const r = await run(args);
      assert.notEqual(r.code, 'killed (hang)', `${args.join(' ')} hung`);
      assert.ok(typeof r.code === 'number' && r.code <= 1, `exit ${r.code}: ${r.stderr}`);
      assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET), 'the text of a file outside the root was printed');
      assert.ok(!r.stdout.includes('Outside') && !r.stdout.includes('Leak'), 'a record outside the root was read');
      noRawControls(r.stdout, 'stdout');
      noRawControls(r.stderr, 'stderr');
    });
  }

  it('check names every skipped file with its reason and counts them', async () => {
    const r = await run(['check']);
    const lines = r.stdout.split('\n');
    const skipped = lines.filter((l) => l.endsWith('[skipped-file]'));
    const expected = [
      `.adr-dir:1:1: warning: skipped: symbolic link to a file outside the root [skipped-file]`,
      `.vscode/settings.json:1:1: warning: skipped: not a regular file (FIFO) [skipped-file]`,
      `adr.config.json:1:1: warning: skipped: over 1 MB [skipped-file]`,
      `${Array.from({ length: 129 }, () => 'd').join('/')}:1:1: warning: skipped: folder nested deeper than 128 levels [skipped-file]`,
      `docs/adr/0002-huge.md:1:1: warning: skipped: over 2 MB [skipped-file]`,
      `docs/adr/0003-leak.md:1:1: warning: skipped: symbolic link to a file outside the root [skipped-file]`,
      `docs/adr/0004-pipe.md:1:1: warning: skipped: not a regular file (FIFO) [skipped-file]`,
      `docs/adr/0005-zero.md:1:1: warning: skipped: symbolic link to a file outside the root [skipped-file]`,
      `docs/adr/0007-utf16-nobom.md:1:1: warning: skipped: binary (NUL bytes) [skipped-file]`,
      `docs/adr/0008-nul.md:1:1: warning: skipped: binary (NUL bytes) [skipped-file]`,
      `docs/adr/0009-loop.md:1:1: warning: skipped: unreadable (symbolic link: ELOOP) [skipped-file]`,
      ...(runsAsRoot ? [] : [`docs/adr/0010-locked.md:1:1: warning: skipped: unreadable (EACCES) [skipped-file]`]),
      `docs/adr/0011-back\\slash.md:1:1: warning: skipped: a backslash in the name [skipped-file]`,
      `docs/linked:1:1: warning: skipped: symbolic link to a folder outside the root [skipped-file]`,
      `src/leak.ts:1:1: warning: skipped: symbolic link to a file outside the root [skipped-file]`,
      `src/pipe.ts:1:1: warning: skipped: not a regular file (FIFO) [skipped-file]`,
    ];
    assert.deepEqual([...skipped].sort(), [...expected].sort());
    assert.match(lines[lines.length - 2] ?? '', new RegExp(`\\(\\d+ decisions?, \\d+ files? read, ${expected.length} skipped\\)$`));
  });

  it('check calls citations of skipped records "could not be read", never unknown', async () => {
    const r = await run(['check', '--json']);
    const problems = JSON.parse(r.stdout) as { path: string; line: number; code: string; message: string }[];
    const app = problems.filter((p) => p.path === 'src/app.ts');
    const byLine = new Map(app.map((p) => [p.line, p.code]));
    // ADR-0002 huge, 0003 link out, 0004 FIFO, 0005 /dev/zero, 0007 UTF-16 without BOM, 0008 NUL, 0009 loop, 0011 backslash.
    for (const line of [2, 3, 4, 5, 7, 8, 9, 10]) assert.equal(byLine.get(line), 'record-unreadable', `src/app.ts:${line}: ${JSON.stringify(app)}`);
    // ADR-0001, the UTF-16 record with a BOM and the record with escape codes are read: no problem.
    for (const line of [1, 6, 11]) assert.equal(byLine.get(line), undefined, `src/app.ts:${line}`);
    // ADR-0020 lives only outside the root (behind a folder link): it is unknown here.
    assert.equal(byLine.get(12), 'unknown-decision');
    const unreadable = app.find((p) => p.line === 2);
    assert.match(unreadable?.message ?? '', /ADR-0002: its record \.\.\/docs\/adr\/0002-huge\.md could not be read \(over 2 MB\)/);
  });

  it('reads a UTF-16 record with a BOM and prints escape codes and newlines of names and titles escaped', async () => {
    const r = await run(['list']);
    assert.match(r.stdout, /^ADR-0006 +accepted +2026-01-07 +Wide characters +docs\/adr\/0006-utf16\.md$/m);
    assert.ok(r.stdout.includes('Red \\x1b]0;pwned\\x07 title\\x9b31m  docs/adr/0012-\\x1b[31mred\\x1b[0m.md'), r.stdout);
    const check = await run(['check']);
    assert.ok(check.stdout.includes('src/evil\\x1b[2J\\nname.ts:1:4: error: ADR-0404 is not a known decision [unknown-decision]'), check.stdout);
    // The list names the skipped files on stderr.
    assert.match(r.stderr, /^decision-lens: warning: \.vscode\/settings\.json: skipped: not a regular file \(FIFO\)$/m);
    assert.match(r.stderr, /^decision-lens: warning: docs\/adr\/0002-huge\.md: skipped: over 2 MB$/m);
  });

  it('prints tag names with line breaks and escape codes escaped when grouping', async () => {
    const r = await run(['list', '--group-by', 'tag']);
    assert.equal(r.code, 0, r.stderr);
    noRawControls(r.stdout, 'list --group-by tag');
    assert.match(r.stdout, /^two\\nlines \(1\)$/m);
    assert.match(r.stdout, /^clear\\x1b\[2Jscreen \(1\)$/m);
  });

  it('keeps JSON output valid with the same values, C1 and bidirectional controls escaped', async () => {
    const r = await run(['list', '--json']);
    assert.ok(!r.stdout.includes('\u009b'));
    const decisions = JSON.parse(r.stdout) as { path: string; title: string }[];
    const red = decisions.find((d) => d.path.includes('red'));
    assert.equal(red?.path, `docs/adr/0012-${ESC}[31mred${ESC}[0m.md`);
    assert.equal(red?.title, `Red ${ESC}]0;pwned\u0007 title\u009b31m`);
  });

  it('does not read settings through a .vscode folder that links out of the root', async () => {
    const other = join(work, 'repo-linked-settings');
    mkdirSync(join(other, 'docs/adr'), { recursive: true });
    writeFileSync(join(other, 'docs/adr/0001-use-postgres.md'), record(1, 'Use Postgres'));
    mkdirSync(join(work, 'outside/vscode'), { recursive: true });
    // Not JSON: a parse error message would quote the start of the file.
    writeFileSync(join(work, 'outside/vscode/settings.json'), `${SECRET} {`);
    symlinkSync(join(work, 'outside/vscode'), join(other, '.vscode'));
    const saved = root;
    root = other;
    try {
      const r = await run(['check']);
      assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET), `${r.stdout}${r.stderr}`);
      assert.match(r.stdout, /^\.vscode\/settings\.json:1:1: warning: skipped: symbolic link to a folder outside the root \[skipped-file\]$/m);
      assert.match(r.stdout, /^\.vscode:1:1: warning: skipped: symbolic link to a folder outside the root \[skipped-file\]$/m);
    } finally {
      root = saved;
    }
  });

  it('refuses a --root that is a FIFO or a device, without reading it', async () => {
    for (const path of [join(root, 'src/pipe.ts'), '/dev/zero']) {
      const r = await new Promise<Run>((done) => {
        execFile(process.execPath, [cli, 'check', '--root', path], { timeout: HANG_MS, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
          done({ code: error ? (typeof error.code === 'number' ? error.code : 'killed (hang)') : 0, stdout, stderr });
        });
      });
      assert.equal(r.code, 2, `${path}: ${r.stderr}`);
      assert.match(r.stderr, /--root .*: not a folder/);
    }
  });

  it('show of a skipped record finds nothing, says why and exits 1', async () => {
    const r = await run(['show', 'docs/adr/0003-leak.md']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no decision "docs\/adr\/0003-leak\.md" in .*; docs\/adr\/0003-leak\.md was skipped: symbolic link to a file outside the root$/m);
    const huge = await run(['show', 'ADR-2']);
    assert.equal(huge.code, 1);
    assert.match(huge.stderr, /no decision "ADR-2" in .*; docs\/adr\/0002-huge\.md was skipped: over 2 MB$/m);
    const unknown = await run(['show', 'ADR-99']);
    assert.match(unknown.stderr, /no decision "ADR-99" in [^;]*$/m);
  });
});
