/**
 * Citations as six real projects write them (`shared/corpus/SOURCES.md`, "Second batch"), found
 * with no configuration by `decision-lens citations --json`.
 *
 * For each project: a temporary copy of its corpus folder (records and copied documents as they
 * are), plus a source file for every citing file the tables describe but the corpus does not hold,
 * with the cited text at the stated line in the stated shape (a Java annotation on a parameter, a
 * Rust doc comment, a Go string, a TOML comment, ...), and the look-alikes the tables list at their
 * lines. Each table row must be found at its line and resolve to its record; no look-alike may
 * be found. Recall (found / listed) and invented citations, in the default mode and with
 * `--anywhere`, are printed at the end.
 *
 * Rows SOURCES.md says a tool may reasonably exclude (pigweed's links to the SEED index page and
 * its redirect map) are counted in the figures but not asserted.
 */
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CitationJson } from '../../src/cli/commands/citations';
import { run } from '../../src/cli/main';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');
const SOURCES = readFileSync(join(CORPUS, 'SOURCES.md'), 'utf8');
const PROJECTS = ['winery', 'neon', 'pigweed', 'ingot', 'cometbft', 'buildpacks'] as const;
type Project = (typeof PROJECTS)[number];

/** One row of a citation table. */
interface Row {
  readonly file: string;
  readonly line: number;
  /** The cited text, exact. */
  readonly cited: string;
  /** The rest of the cell: where it stands (`(on a method parameter)`, `(TOML comment)`, ...). */
  readonly note: string;
  /** The record's path relative to the project folder, and the log entry id when it is one. */
  readonly record?: string;
  readonly entry?: string;
  /** SOURCES.md: "a tool may reasonably exclude them". */
  readonly optional: boolean;
}

/** A look-alike: text at a line that must not be found as a citation. */
interface LookAlike {
  readonly file: string;
  readonly line: number;
  /** The look-alike text; the line written when the file is generated. */
  readonly text: string;
  readonly lineText?: string;
}

/** The first code span of a table cell (single or double backticks) and the rest. */
function codeSpan(cell: string): { code: string; rest: string } {
  const m = /``\s?(.+?)\s?``|`([^`]+)`/.exec(cell);
  if (!m) return { code: '', rest: cell };
  return { code: m[1] ?? m[2], rest: cell.slice(0, m.index) + cell.slice(m.index + m[0].length) };
}

function tableRows(project: Project): Row[] {
  const start = SOURCES.indexOf(`### ${project}/`);
  const end = SOURCES.indexOf('\n### ', start + 1);
  const section = SOURCES.slice(start, end < 0 ? undefined : end);
  const rows: Row[] = [];
  for (const line of section.split('\n')) {
    if (!line.startsWith('| ') || line.startsWith('| file:line') || line.startsWith('|---')) continue;
    const cells = line.slice(2, -2).split(' | ');
    if (cells.length < 3) continue;
    const where = /^(.+?):(\d+)(?:[–-]\d+)?$/.exec(cells[0].replace(/^M\//, 'org.eclipse.winery.model/'));
    if (!where) continue;
    const span = codeSpan(cells[1]);
    const rest = span.rest;
    let code = span.code;
    const same = /same (?:text )?as :(\d+)/.exec(cells[1]);
    if (same) {
      const earlier = rows.find((r) => r.file === where[1] && r.line === Number(same[1]));
      if (earlier) code = earlier.cited;
    }
    // `@ADR(6)` inside `//    public Response setProperties(@ADR(6) …`: the second span is the line.
    const inside = / inside `([^`]+)`/.exec(cells[1]);
    const recordCell = cells.slice(2).join(' | ');
    const record = /[\w./+-]+\/[\w.+-]+\.(?:md|rst)/.exec(recordCell)?.[0];
    const entry = /\b(GAP-\d+)/.exec(recordCell)?.[1];
    const file = where[1];
    const optional = project === 'pigweed' && (file.endsWith('seed_metadata.py') || file.endsWith('redirects.json') || record === 'seed/0000.rst');
    rows.push({
      file,
      line: Number(where[2]),
      cited: code,
      note: inside ? `inside ${inside[1]}` : rest,
      ...(record !== undefined ? { record } : {}),
      ...(entry !== undefined ? { entry } : {}),
      optional,
    });
  }
  return rows;
}

/** The look-alikes of each project's bullets, at their lines (the line written when the file is generated). */
const LOOK_ALIKES: Record<Project, LookAlike[]> = {
  winery: [
    ...(
      [
        ['org.eclipse.winery.model.threatmodeling/src/main/java/org/eclipse/winery/model/threatmodeling/ThreatModelingConstants.java', 16],
        ['org.eclipse.winery.model/org.eclipse.winery.model.tosca.canonical/src/main/java/org/eclipse/winery/model/tosca/HasId.java', 25],
        ['org.eclipse.winery.common/src/main/java/org/eclipse/winery/common/version/VersionUtils.java', 21],
        ['org.eclipse.winery.common/src/main/java/org/eclipse/winery/common/version/WineryVersion.java', 19],
        ['org.eclipse.winery.model/org.eclipse.winery.model.tosca.canonical/src/main/java/org/eclipse/winery/model/tosca/utils/RemoveEmptyLists.java', 30],
        ['org.eclipse.winery.model/org.eclipse.winery.model.tosca.canonical/src/main/java/org/eclipse/winery/model/tosca/TImplementationArtifact.java', 30],
        ['org.eclipse.winery.model/org.eclipse.winery.model.tosca.yaml/src/main/java/org/eclipse/winery/model/tosca/yaml/YTInterfaceDefinition.java', 28],
        ['org.eclipse.winery.compliance/src/main/java/org/eclipse/winery/compliance/checking/ToscaComplianceRuleMatcher.java', 29],
        ['org.eclipse.winery.topologygraph/src/main/java/org/eclipse/winery/topologygraph/matching/patterndetection/PatternDetectionUtils.java', 35],
        ['org.eclipse.winery.repository.rest/src/main/java/org/eclipse/winery/repository/rest/resources/entitytemplates/PropertiesResource.java', 40],
        ['org.eclipse.winery.model/org.eclipse.winery.model.tosca.xml/src/main/java/org/eclipse/winery/model/tosca/xml/XTEntityTemplate.java', 39],
        ['org.eclipse.winery.model/org.eclipse.winery.model.tosca.canonical/src/main/java/org/eclipse/winery/model/tosca/TEntityType.java', 50],
      ] as const
    ).map(([file, line]) => ({ file, line, text: 'ADR', lineText: 'import io.github.adr.embedded.ADR;' })),
    { file: 'docs/dev/repository-layout.md', line: 42, text: 'RFC 3986' },
    { file: 'docs/dev/repository-layout.md', line: 29, text: 'Related architectural decision records are' },
    ...[26, 45, 65].map((line) => ({ file: 'docs/dev/double-encoding.md', line, text: 'rfc3986' })),
    ...[50, 51, 52, 53, 54, 55].map((line) => ({ file: 'docs/dev/double-encoding.md', line, text: 'stackoverflow' })),
  ],
  neon: [
    { file: 'docs/consumption_metrics.md', line: 5, text: 'pull/2884' },
    { file: 'libs/pageserver_api/src/shard.rs', line: 83, text: 'pull/10510', lineText: '// See https://github.com/neondatabase/neon/pull/10510' },
    { file: 'pageserver/src/tenant/remote_timeline_client/download.rs', line: 137, text: 'issues/11692', lineText: '// https://github.com/neondatabase/neon/issues/11692' },
    { file: 'test_runner/regress/test_pageserver_generations.py', line: 634, text: 'issues/6951', lineText: '# https://github.com/neondatabase/neon/issues/6951' },
  ],
  pigweed: [{ file: 'pw_emu/docs.rst', line: 101, text: 'RFC' }],
  ingot: [
    { file: 'crates/ingot-cli/tests/reach.rs', line: 114, text: 'GAP-001', lineText: '    assert!(!log.contains("GAP-001"));' },
    ...[206, 207, 208, 209, 210].map((line, i) => ({
      file: 'crates/ingot-language-service/tests/canvas.rs',
      line,
      text: `ING200${i + 1}`,
      lineText: i === 2 ? '    // ING2003: the code the RFC named is gone' : `    // ING200${i + 1}: expected diagnostic`,
    })),
    { file: 'crates/ingot-language-service/tests/canvas.rs', line: 395, text: 'ING4009', lineText: '    // ING4009 is reported once' },
    { file: 'crates/ingot-cli/tests/reach.rs', line: 61, text: 'ING4009', lineText: '    // ING4009: reach exceeded' },
    { file: 'crates/ingot-cli/tests/reach.rs', line: 38, text: '0.1.0', lineText: '    // since 0.1.0' },
    ...[76, 209, 227, 260, 274].map((line) => ({ file: 'crates/ingot-backend-python/src/prelude.py', line, text: '§', lineText: '# Runtime 0.1 §9: the host owns the event loop (§6, §6.1)' })),
    { file: 'crates/ingot-runtime/src/lib.rs', line: 338, text: 'Runtime 0.7', lineText: '/// See [Runtime 0.7 §2](../../../specs/runtime/v0.7.md).' },
    { file: 'crates/ingot-cli/src/image.rs', line: 151, text: 'Ingot Package', lineText: '/// [Ingot Package 0.1 §9](../../../specs/image/v0.1.md)' },
    { file: 'crates/ingot-cli/src/image.rs', line: 135, text: '0.3.0', lineText: '    // ingot/run:0.3.0 and later' },
    { file: 'crates/ingot-cli/src/image.rs', line: 35, text: '28.0.1', lineText: '// Tested with docker 28.0.1.' },
  ],
  cometbft: [
    { file: 'crypto/merkle/tree.go', line: 10, text: 'RFC-6962', lineText: '// The hash of a leaf follows RFC-6962.' },
    { file: 'crypto/ed25519/ed25519.go', line: 45, text: 'RFC 8032', lineText: '// Sign produces a signature as RFC 8032 describes.' },
    { file: 'p2p/netaddress.go', line: 258, text: 'RFC3849', lineText: '// RFC3849: IPv6 documentation address.' },
    { file: 'p2p/netaddress.go', line: 259, text: 'RFC3849', lineText: '\tif na.RFC3849() {' },
    { file: 'p2p/netaddress.go', line: 272, text: 'RFC1918', lineText: '\treturn na.RFC1918() || na.RFC3927()' },
    { file: 'p2p/netaddress.go', line: 339, text: 'RFC1918', lineText: '// RFC1918: IPv4 private network address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)' },
    { file: 'mempool/reactor.go', line: 290, text: 'issues/5796', lineText: '// See https://github.com/tendermint/tendermint/issues/5796' },
    { file: 'state/indexer/sink/psql/backport.go', line: 4, text: 'v0.34', lineText: '// This file supports the v0.34 event indexer.' },
    { file: 'test/e2e/README.md', line: 57, text: 'v0.34' },
  ],
  buildpacks: [
    { file: 'lifecycle/lifecycle.toml', line: 12, text: '0.7', lineText: 'platform = "0.7"' },
    { file: 'lifecycle/lifecycle.toml', line: 13, text: '0.7', lineText: 'buildpack = "0.7"' },
    { file: 'pack/internal/commands/buildpack_new.go', line: 101, text: '0.8', lineText: '\tcmd.Flags().StringVarP(&flags.API, "api", "a", "0.8", "Buildpack API compatibility")' },
    { file: 'lifecycle/RELEASE.md', line: 31, text: 'pull/550' },
    { file: 'lifecycle/RELEASE.md', line: 71, text: 'pull/1405' },
  ],
};

/** The line a described source file holds for a row, in the shape the table names. */
function lineFor(row: Row): string {
  const { file, cited, note } = row;
  const ext = file.slice(file.lastIndexOf('.'));
  if (note.startsWith('inside ')) return note.slice('inside '.length).replace('…', 'String body) {');
  switch (ext) {
    case '.java':
      if (cited.startsWith('//')) return `        ${cited}`;
      if (/parameter/.test(note)) return `    public void apply(${cited} String value) {`;
      if (/local variable/.test(note)) return `        ${cited} final String value = compute();`;
      return `    ${cited}`;
    case '.rs':
      if (/\(def\)/.test(note) || cited.startsWith('[')) return `//! ${cited}`;
      return `    // ${cited} says so.`;
    case '.go':
      if (cited.startsWith('//')) return `\t${cited}`;
      if (/raw string/.test(note)) return `\tLong: \`Manage manifest lists. See ${cited} for details.\`,`;
      if (/string/.test(note)) return `\tlogger.Warn("the stack is deprecated, see ${cited}")`;
      return `// ${cited}`;
    case '.toml':
      return `# ${cited}`;
    case '.py':
      if (/docstring/.test(note)) return `    """Writes ${cited} from the metadata."""`;
      if (cited.startsWith("'")) return `    if docname == ${cited}:`;
      return `# ${cited}`;
    case '.tla':
      return `\\* ${cited}`;
    default:
      return `// ${cited}`;
  }
}

/** Writes the project into a temporary folder: the corpus copy plus generated citing files. */
function buildProject(project: Project, rows: readonly Row[]): string {
  const root = mkdtempSync(join(tmpdir(), `dl-real-${project}-`));
  cpSync(join(CORPUS, project), root, { recursive: true });
  const generated = new Map<string, string[]>();
  const put = (file: string, line: number, text: string, also?: string): void => {
    if (existsSync(join(CORPUS, project, file))) return;
    let lines = generated.get(file);
    if (!lines) generated.set(file, (lines = []));
    while (lines.length < line) lines.push('');
    const taken = lines[line - 1];
    // Two citations on one line (`//! [RFC-0002] and [ADR-0002]`): the second joins the first.
    if (taken !== '' && also !== undefined) lines[line - 1] = `${taken} and ${also}`;
    else if (taken !== '' && taken !== text) throw new Error(`${file}:${line} is taken by "${taken}"`);
    else lines[line - 1] = text;
  };
  for (const row of rows) put(row.file, row.line, lineFor(row), row.cited);
  for (const l of LOOK_ALIKES[project]) if (l.lineText !== undefined) put(l.file, l.line, l.lineText);
  for (const [file, lines] of generated) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), lines.join('\n') + '\n');
  }
  return root;
}

/**
 * The record folders of each project as settings would name them: what the record side discovers
 * on its own (design-RFC folders, `seed/`, a gap register) and the prefixes it learns. Used by the
 * second suite, which checks the citation side alone: finding, URL and path resolution, moves.
 */
const FOLDERS: Record<Project, { path: string; prefix: string; kind?: 'log' }[]> = {
  winery: [],
  neon: [{ path: 'docs/rfcs', prefix: 'RFC' }],
  pigweed: [{ path: 'seed', prefix: 'SEED' }],
  ingot: [
    { path: 'docs/adr', prefix: 'ADR' },
    { path: 'rfcs', prefix: 'RFC' },
    { path: 'docs/gaps.md', prefix: 'GAP', kind: 'log' },
  ],
  cometbft: [
    { path: 'docs/references/architecture', prefix: 'ADR' },
    { path: 'docs/references/architecture/tendermint-core', prefix: 'ADR' },
    { path: 'docs/references/rfc', prefix: 'RFC' },
    { path: 'docs/references/rfc/tendermint-core', prefix: 'RFC' },
  ],
  buildpacks: [{ path: 'rfcs/text', prefix: 'RFC' }],
};

async function citations(root: string, anywhere: boolean): Promise<CitationJson[]> {
  let out = '';
  let err = '';
  const code = await run(['citations', '--json', '--quiet', '--root', root, ...(anywhere ? ['--anywhere'] : [])], {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    cwd: root,
  });
  assert.equal(code, 0, err);
  return JSON.parse(out) as CitationJson[];
}

/** Whether a found citation is the row's: same file and line, and the texts overlap. */
function matches(c: CitationJson, row: Row): boolean {
  if (c.path !== row.file || c.line !== row.line) return false;
  const a = c.text.replace(/\s+/g, ' ');
  const b = row.cited.replace(/\s+/g, ' ');
  return b.includes(a) || a.includes(b);
}

function resolvesTo(c: CitationJson, row: Row): boolean {
  if (row.record === undefined) return c.decisions.length > 0;
  return c.decisions.some((d) => d.path === row.record && (row.entry === undefined || d.id.toUpperCase() === row.entry));
}

interface Figures {
  listed: number;
  found: number;
  resolved: number;
  invented: number;
}

/** Figures per suite (`no configuration`, `folders in settings`) and mode. */
const figures = new Map<string, Figures>();

function figuresOf(key: string): Figures {
  let f = figures.get(key);
  if (!f) figures.set(key, (f = { listed: 0, found: 0, resolved: 0, invented: 0 }));
  return f;
}

function printFigures(suite: string): void {
  for (const mode of ['default', 'anywhere']) {
    const f = figures.get(`${suite} ${mode}`);
    if (!f || f.listed === 0) continue;
    console.log(
      `      ${suite}, citations ${mode === 'anywhere' ? '--anywhere' : '(default)'}: ${f.found}/${f.listed} found (${((100 * f.found) / f.listed).toFixed(1)}%), ` +
        `${f.resolved}/${f.listed} resolved to the listed record, ${f.invented} invented`,
    );
  }
}

describe('citations in six real projects (SOURCES.md, second batch), no configuration', function () {
  this.timeout(120_000);
  const roots: string[] = [];

  after(() => {
    for (const r of roots) rmSync(r, { recursive: true, force: true });
    printFigures('no configuration');
  });

  for (const project of PROJECTS) suiteOf(project, false, roots);
});

describe('citations in six real projects, record folders named in settings (the citation side alone)', function () {
  this.timeout(120_000);
  const roots: string[] = [];
  after(() => {
    for (const r of roots) rmSync(r, { recursive: true, force: true });
    printFigures('folders in settings');
  });
  for (const project of PROJECTS) suiteOf(project, true, roots);
});

function suiteOf(project: Project, configured: boolean, roots: string[]): void {
    describe(project, () => {
      const rows = tableRows(project);
      let found: CitationJson[] = [];
      let anywhere: CitationJson[] = [];

      before(async () => {
        const root = buildProject(project, rows);
        roots.push(root);
        if (configured) {
          mkdirSync(join(root, '.vscode'), { recursive: true });
          writeFileSync(join(root, '.vscode', 'settings.json'), JSON.stringify({ 'decisionLens.folders': FOLDERS[project] }, null, 2));
        }
        found = await citations(root, false);
        anywhere = await citations(root, true);
        const citing = new Set([...rows.map((r) => r.file), ...LOOK_ALIKES[project].map((l) => l.file)]);
        for (const [mode, list] of [['default', found], ['anywhere', anywhere]] as const) {
          const f = figuresOf(`${configured ? 'folders in settings' : 'no configuration'} ${mode}`);
          f.listed += rows.length;
          f.found += rows.filter((r) => list.some((c) => matches(c, r))).length;
          f.resolved += rows.filter((r) => list.some((c) => matches(c, r) && resolvesTo(c, r))).length;
          f.invented += list.filter((c) => citing.has(c.path) && !c.inRecord && !rows.some((r) => matches(c, r))).length;
        }
      });

      it('the table was read', () => {
        assert.ok(rows.length >= 9, `${rows.length} rows`);
      });

      for (const row of rows) {
        const name = `${row.file}:${row.line} ${row.cited} -> ${row.record ?? '?'}${row.entry ? ` ${row.entry}` : ''}`;
        (row.optional ? it.skip : it)(name, () => {
          const here = found.filter((c) => matches(c, row));
          assert.ok(here.length > 0, `not found; on that line: ${JSON.stringify(found.filter((c) => c.path === row.file && c.line === row.line))}`);
          assert.ok(
            here.some((c) => resolvesTo(c, row)),
            `resolves to ${JSON.stringify(here.map((c) => c.decisions))}`,
          );
        });
      }

      for (const l of LOOK_ALIKES[project]) {
        it(`look-alike ${l.file}:${l.line} "${l.text}" is no citation`, () => {
          const bad = found.filter((c) => c.path === l.file && c.line === l.line && (c.text.includes(l.text) || l.text.includes(c.text)));
          assert.deepEqual(bad, []);
        });
      }
    });
}
