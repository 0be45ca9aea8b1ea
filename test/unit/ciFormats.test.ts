/**
 * `decision-lens check --format sarif|github`: the SARIF log validates against the OASIS SARIF
 * 2.1.0 schema (test/fixtures/sarif/, see SOURCE.md) on the real corpus, its fingerprints survive
 * moved lines, and the GitHub workflow commands follow the documented syntax and display limits.
 */
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { ANNOTATION_LIMITS, escapeData, escapeProperty, githubOutput } from '../../src/cli/formats/github';
import type { Problem, Severity } from '../../src/core/model';
import { knownRules } from '../../src/cli/formats/rules';
import { run } from '../../src/cli/main';

const REPO = resolve(__dirname, '../..');
const CORPUS = resolve(REPO, '../shared/corpus');
const BROKEN = resolve(REPO, 'test/fixtures/cli/broken');

interface Output {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(args: readonly string[]): Promise<Output> {
  let stdout = '';
  let stderr = '';
  const code = await run([...args, '--quiet'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: REPO });
  return { code, stdout, stderr };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number; endLine?: number; endColumn?: number } } }[];
  partialFingerprints: Record<string, string>;
}
interface SarifLog {
  version: string;
  runs: { tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string }; defaultConfiguration: { level: string } }[] } }; results: SarifResult[] }[];
}

/**
 * The OASIS schema is JSON Schema draft-04, which Ajv 8 reads as draft-07 once `id` is `$id` and
 * the draft-04 meta-schema reference is dropped: the keywords it uses (type, properties,
 * additionalProperties, required, enum, pattern, minimum, maximum, minItems, uniqueItems, items,
 * anyOf, oneOf, $ref, format) mean the same in both drafts.
 */
function sarifValidator(): ReturnType<Ajv['compile']> {
  const schema = JSON.parse(readFileSync(join(REPO, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#');
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile({ $id: id as string, ...rest });
}

describe('check --format sarif', function () {
  this.timeout(600_000);
  let corpus: Output;
  let corpusJson: Output;
  before(async () => {
    corpus = await cli(['check', '--format', 'sarif', '--root', CORPUS]);
    corpusJson = await cli(['check', '--json', '--root', CORPUS]);
  });

  it('validates against the SARIF 2.1.0 schema on the corpus, one result per problem', () => {
    assert.equal(corpus.code, 1, 'the corpus has errors, so check exits 1 in every format');
    const log = JSON.parse(corpus.stdout) as SarifLog;
    const validate = sarifValidator();
    const ok = validate(log);
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    // The validator does reject what SARIF forbids: a 0-based line, an unknown level.
    const broken = JSON.parse(corpus.stdout) as SarifLog;
    broken.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
    broken.runs[0]!.results[1]!.level = 'fatal';
    assert.equal(validate(broken), false);
    assert.equal(validate.errors?.filter((e) => e.keyword === 'minimum' || e.keyword === 'enum').length, 2);
    const problems = JSON.parse(corpusJson.stdout) as { code: string; path: string; line: number; column: number; severity: string }[];
    const results = log.runs[0]!.results;
    assert.ok(problems.length >= 50, `the corpus has ${problems.length} problems`);
    assert.equal(results.length, problems.length);
    // Each result's URI, resolved against %SRCROOT%, is the file on disk.
    const base = (log.runs[0] as unknown as { originalUriBaseIds: Record<string, { uri: string }> }).originalUriBaseIds['%SRCROOT%']!.uri;
    assert.equal(fileURLToPath(base), CORPUS + '/');
    for (const r of results) assert.ok(existsSync(fileURLToPath(new URL(r.locations[0]!.physicalLocation.artifactLocation.uri, base))), r.locations[0]!.physicalLocation.artifactLocation.uri);
    results.forEach((r, i) => {
      const p = problems[i]!;
      const loc = r.locations[0]!.physicalLocation;
      assert.equal(r.ruleId, p.code);
      assert.equal(decodeURIComponent(loc.artifactLocation.uri), p.path);
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.equal(loc.region.startLine, p.line);
      assert.equal(loc.region.startColumn, p.column);
      assert.equal(r.level, p.severity === 'info' ? 'note' : p.severity);
    });
  });

  it('describes every rule a result names, with help text and a default level', () => {
    const log = JSON.parse(corpus.stdout) as SarifLog;
    const rules = log.runs[0]!.tool.driver.rules;
    for (const r of log.runs[0]!.results) {
      const rule = rules[r.ruleIndex]!;
      assert.equal(rule.id, r.ruleId);
      assert.ok(rule.shortDescription.text.length > 0 && rule.fullDescription.text.length > rule.shortDescription.text.length / 2);
      assert.ok(rule.help.text.length > 10);
    }
    // Every code the checks' module doc names has a rule of its own (not the generic one).
    const checks = readFileSync(join(REPO, 'src/core/checks.ts'), 'utf8');
    const documented = [...checks.matchAll(/^ \* - `([a-z-]+)` \(/gm)].map((m) => m[1]!);
    const known = new Set(knownRules().map((r) => r.id));
    assert.ok(documented.length >= 10);
    for (const code of documented) assert.ok(known.has(code), `no rule for ${code}`);
  });

  it('gives every result a fingerprint, distinct within the corpus', () => {
    const log = JSON.parse(corpus.stdout) as SarifLog;
    const prints = log.runs[0]!.results.map((r) => r.partialFingerprints['decisionLens/v1']);
    assert.ok(prints.every((p) => typeof p === 'string' && /^[0-9a-f]{32}:\d+$/.test(p)));
    assert.equal(new Set(prints).size, prints.length);
  });

  it('keeps fingerprints when lines move, and changes them when the cited text changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dl-sarif-'));
    try {
      cpSync(BROKEN, dir, { recursive: true });
      const fingerprintsOf = async (): Promise<Map<string, { line: number; uri: string }>> => {
        const out = await cli(['check', '--format', 'sarif', '--root', dir]);
        const log = JSON.parse(out.stdout) as SarifLog;
        return new Map(
          log.runs[0]!.results.map((r) => [
            `${r.ruleId} ${r.partialFingerprints['decisionLens/v1']}`,
            { line: r.locations[0]!.physicalLocation.region.startLine, uri: r.locations[0]!.physicalLocation.artifactLocation.uri },
          ]),
        );
      };
      const before = await fingerprintsOf();
      assert.ok(before.size >= 6, `${before.size} results`);
      const events = join(dir, 'src/events.go');
      writeFileSync(events, '// Package events.\n//\n// Three new lines.\n' + readFileSync(events, 'utf8'));
      const record = join(dir, 'docs/adr/0003-use-nats-for-events.md');
      const text = readFileSync(record, 'utf8');
      writeFileSync(record, text.replace(/\n## /, '\nA paragraph added above.\n\n## '));
      const moved = await fingerprintsOf();
      assert.deepEqual([...moved.keys()].sort(), [...before.keys()].sort());
      const shifted = [...moved].filter(([k, v]) => v.uri === 'src/events.go' && v.line === before.get(k)!.line + 3);
      assert.equal(shifted.length, [...before.values()].filter((v) => v.uri === 'src/events.go').length, 'the citations moved 3 lines down');
      writeFileSync(events, readFileSync(events, 'utf8').replace('ADR-0042', 'ADR-0043'));
      const changed = await fingerprintsOf();
      const gone = [...moved.keys()].filter((k) => !changed.has(k));
      assert.equal(gone.length, 1);
      assert.match(gone[0]!, /^unknown-decision /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is chosen with --format; --json stays --format json; an unknown format is a usage error', async () => {
    const asJson = await cli(['check', '--format', 'json', '--root', BROKEN]);
    const alias = await cli(['check', '--json', '--root', BROKEN]);
    assert.equal(asJson.stdout, alias.stdout);
    assert.equal(asJson.code, 1);
    const bad = await cli(['check', '--format', 'xml', '--root', BROKEN]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /text, json, sarif or github/);
    const both = await cli(['check', '--json', '--format', 'sarif', '--root', BROKEN]);
    assert.equal(both.code, 2);
    const clean = await cli(['check', '--format', 'sarif', '--root', resolve(REPO, 'test/fixtures/cli/clean')]);
    assert.equal(clean.code, 0);
    assert.deepEqual((JSON.parse(clean.stdout) as SarifLog).runs[0]!.results, []);
  });
});

/**
 * The workflow-command grammar GitHub documents: `::command key=value,key=value::message`, with
 * `%`, CR and LF escaped in the message and additionally `:` and `,` in values.
 */
const PROPERTY = String.raw`(?:file|line|col|endLine|endColumn|title)=(?:[^%:,\r\n]|%(?:25|0D|0A|3A|2C))*`;
const COMMAND = new RegExp(String.raw`^::(error|warning|notice)(?: ${PROPERTY}(?:,${PROPERTY})*)?::((?:[^%\r\n]|%(?:25|0D|0A))*)$`);

describe('check --format github', function () {
  this.timeout(600_000);
  let corpus: Output;
  let problems: { severity: string; path: string; line: number; column: number; message: string }[];
  before(async () => {
    corpus = await cli(['check', '--format', 'github', '--root', CORPUS]);
    problems = JSON.parse((await cli(['check', '--json', '--root', CORPUS])).stdout) as typeof problems;
  });

  it('prints workflow commands in the documented syntax, within GitHub\u2019s limits, on the corpus', () => {
    assert.equal(corpus.code, 1);
    const lines = corpus.stdout.split('\n').slice(0, -1);
    const stop = lines.findIndex((l) => l.startsWith('::stop-commands::'));
    assert.ok(stop > 0, 'the corpus has more problems than GitHub shows, so the rest is listed');
    const token = lines[stop]!.slice('::stop-commands::'.length);
    assert.match(token, /^[0-9a-f]{32}$/);
    const resume = lines.indexOf(`::${token}::`);
    assert.ok(resume > stop);
    const commands = lines.slice(0, stop - 1);
    assert.equal(lines[stop - 1], `Not annotated (${resume - stop - 1}):`);
    const counts = { error: 0, warning: 0, notice: 0 };
    for (const line of commands) {
      const m = COMMAND.exec(line);
      assert.ok(m, `not a workflow command: ${line}`);
      counts[m[1] as keyof typeof counts]++;
    }
    for (const level of ['error', 'warning', 'notice'] as const) assert.ok(counts[level] <= ANNOTATION_LIMITS.perLevel, `${counts[level]} ${level}s`);
    assert.ok(commands.length <= ANNOTATION_LIMITS.total);
    // Every problem is either annotated or listed, once.
    const annotated = commands.length - 1;
    const listed = resume - stop - 1;
    assert.equal(annotated + listed, problems.length);
    const errors = problems.filter((p) => p.severity === 'error').length;
    assert.equal(counts.error, Math.min(errors, ANNOTATION_LIMITS.perLevel));
    // The summary notice is last among the commands and says how many were left out.
    const summary = commands[commands.length - 1]!;
    assert.match(summary, /^::notice title=[^:]*::/);
    assert.ok(summary.includes(`${listed} of ${problems.length} problems are not annotated`), summary);
    assert.ok(summary.includes('--format sarif'));
    // Nothing after the end token but the closing summary line.
    assert.deepEqual(lines.slice(resume + 1).length, 1);
    assert.match(lines[resume + 1]!, /^\d+ errors?, \d+ warnings?/);
  });

  it('annotates each problem at its place with its message', () => {
    const first = corpus.stdout.split('\n')[0]!;
    const p = problems[0]!;
    assert.ok(first.startsWith(`::${p.severity === 'info' ? 'notice' : p.severity} file=${escapeProperty(p.path)},line=${p.line},col=${p.column},`), first);
    assert.ok(first.endsWith(`::${escapeData(p.message)}`));
  });

  it('prints only commands and the summary when the problems fit', async () => {
    const out = await cli(['check', '--format', 'github', '--root', BROKEN]);
    const lines = out.stdout.split('\n').slice(0, -1);
    assert.equal(lines.length, 8);
    assert.ok(lines.slice(0, 7).every((l) => COMMAND.test(l)));
    assert.equal(lines.filter((l) => l.startsWith('::error ')).length, 4);
    assert.equal(lines[7], '4 errors, 3 warnings (5 decisions, 6 files read)');
  });

  it('keeps to the limits at their edges, and keeps a notice place for the summary', () => {
    const problem = (severity: Severity, i: number): Problem => ({
      code: 'unknown-decision',
      severity,
      message: `ADR-${i} is not a known decision`,
      path: `/repo/src/f${String(i).padStart(3, '0')}.ts`,
      range: { start: { line: i, character: 2 }, end: { line: i, character: 9 } },
    });
    const many = (severity: Severity, n: number, from = 0): Problem[] => Array.from({ length: n }, (_, i) => problem(severity, from + i));
    const shape = (problems: Problem[]): { commands: Record<string, number>; listed: number; summary: boolean } => {
      const lines = githubOutput('/repo', problems, 'summary').split('\n').slice(0, -1);
      const stop = lines.findIndex((l) => l.startsWith('::stop-commands::'));
      const commands: Record<string, number> = { error: 0, warning: 0, notice: 0 };
      for (const l of stop < 0 ? lines : lines.slice(0, stop)) {
        const m = COMMAND.exec(l);
        if (m) commands[m[1]!]!++;
      }
      const summary = lines.some((l) => l.startsWith('::notice title=Decision Lens%3A more problems::'));
      return { commands, listed: stop < 0 ? 0 : lines.indexOf(`::${lines[stop]!.slice(17)}::`) - stop - 1, summary };
    };
    // Exactly 10 of each level: all annotated, no summary.
    assert.deepEqual(shape([...many('error', 10), ...many('warning', 10, 10), ...many('info', 10, 20)]), { commands: { error: 10, warning: 10, notice: 10 }, listed: 0, summary: false });
    // An 11th error: 10 annotated, 1 listed, and the summary notice takes one of the 10 notice places.
    assert.deepEqual(shape([...many('error', 11), ...many('info', 10, 20)]), { commands: { error: 10, warning: 0, notice: 10 }, listed: 2, summary: true });
    assert.deepEqual(shape(many('info', 25)), { commands: { error: 0, warning: 0, notice: 10 }, listed: 16, summary: true });
    assert.deepEqual(shape([]), { commands: { error: 0, warning: 0, notice: 0 }, listed: 0, summary: false });
  });

  it('escapes messages and property values as GitHub documents', () => {
    assert.equal(escapeData('50% done\r\nnext'), '50%25 done%0Anext');
    assert.equal(escapeData('a\nb'), 'a%0Ab');
    assert.equal(escapeProperty('docs/a:b,c%.md'), 'docs/a%3Ab%2Cc%25.md');
    // A message cannot end the command early or start another one.
    assert.match(`::error file=x::${escapeData('x\n::set-env name=A::1')}`, COMMAND);
    assert.ok(!escapeData('x\n::warning::y').includes('\n'));
    // Other control characters are shown escaped, never sent to the log as they are.
    assert.equal(escapeData('\u001b[31mred'), '\\x1b[31mred');
  });
});
