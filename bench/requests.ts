/**
 * Per-request work of the editor features, measured on one large source file: the core calls
 * the CodeLens and hover providers make, without the `vscode` objects around them.
 */
import { findCitations } from '../src/core/citations';
import type { DecisionIndex, IndexedDecision, ResolvedCitation } from '../src/core/index';
import type { Position } from '../src/core/model';
import { median, percentile } from './rng';

/** Latency samples of one kind of request, in milliseconds. */
export interface LatencyStats {
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly runs: number;
  /** Mean CPU time of one request (user + system, this process), ms: less sensitive to other load on the machine. */
  readonly cpuMeanMs: number;
  /** How many items one request produced (citations, lenses, hover lines), as a sanity check. */
  readonly items: number;
}

function stats(samples: number[], items: number, cpuMs: number): LatencyStats {
  return { medianMs: median(samples), p95Ms: percentile(samples, 95), runs: samples.length, cpuMeanMs: cpuMs / Math.max(1, samples.length), items };
}

function time<T>(runs: number, fn: (i: number) => T, count: (value: T) => number): LatencyStats {
  const samples: number[] = [];
  let items = 0;
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const value = fn(i);
    samples.push(performance.now() - t0);
    items = count(value);
  }
  const cpu = process.cpuUsage(cpu0);
  return stats(samples, items, (cpu.user + cpu.system) / 1000);
}

/** The data of one CodeLens: where and what it says. */
interface LensData {
  readonly line: number;
  readonly title: string;
}

/**
 * CodeLens data for a file, as `src/features/codelens/register.ts` builds it: one lens per line
 * that cites a decision (`ADR-0005 · Use webhooks · accepted`), the decisions that govern the file
 * (`applies-to`) when it is not a record, and `cited in N places` on each record of the file.
 */
function codeLensData(index: DecisionIndex, path: string, root: string): LensData[] {
  const lenses: LensData[] = [];
  const seen = new Set<string>();
  for (const c of index.citationsIn(path)) {
    const d = c.decision;
    if (!d) continue;
    const key = `${c.range.start.line}:${d.path}#${d.range.start.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lenses.push({ line: c.range.start.line, title: [d.display, d.title, d.status.kind].filter((t) => t !== '').join(' · ') });
  }
  const records = index.recordsIn(path);
  if (records.length === 0) for (const d of index.governing(path, root)) lenses.push({ line: 0, title: `Governed by ${d.display} · ${d.title}` });
  for (const d of records) lenses.push({ line: d.titleRange.start.line, title: `cited in ${index.citationsOf(d).length} places` });
  return lenses;
}

/** @returns the citation under `pos`, if any. */
function citationAt(citations: readonly ResolvedCitation[], pos: Position): ResolvedCitation | undefined {
  for (const c of citations) {
    const s = c.range.start;
    const e = c.range.end;
    if (pos.line < s.line || pos.line > e.line) continue;
    if (pos.line === s.line && pos.character < s.character) continue;
    if (pos.line === e.line && pos.character > e.character) continue;
    return c;
  }
  return undefined;
}

/**
 * Hover text for a decision, with the same index queries as `src/features/hover/register.ts`:
 * title, status, date, decision makers, successor when superseded, decision, trade-offs or
 * consequences (trimmed to 400 characters), and the number of citations.
 */
function hoverMarkdown(index: DecisionIndex, d: IndexedDecision): string {
  const lines = [`#### ${d.display} ${d.title}`, '', `**Status:** ${d.status.kind}${d.date ? ` · **Date:** ${d.date}` : ''}`];
  if (d.decisionMakers.length) lines.push(`**Decision makers:** ${d.decisionMakers.join(', ')}`);
  const superseded = d.status.kind === 'superseded' || d.relations.some((r) => r.kind === 'superseded-by');
  const next = superseded ? index.successorOf(d) : undefined;
  if (next) lines.push('', `Superseded by ${next.display} ${next.title}`);
  const decision = d.sections.decision ?? d.sections.chosenOption;
  if (decision) lines.push('', `**Decision:** ${decision.replace(/\s+/g, ' ').slice(0, 400)}`);
  const tradeOffs = d.sections.tradeOffs ?? d.sections.consequences;
  if (tradeOffs) lines.push('', `**Trade-offs:** ${tradeOffs.replace(/\s+/g, ' ').slice(0, 400)}`);
  lines.push('---', `Open ${d.display} · ${index.citationsOf(d).length} citations`);
  return lines.join('\n');
}

/** Per-request latencies on one file. */
export interface RequestResults {
  readonly path: string;
  readonly lines: number;
  readonly citations: LatencyStats;
  readonly codeLens: LatencyStats;
  readonly hover: LatencyStats;
  /** The file's text changed and the index updated, then CodeLens data built (what the editor does per keystroke pause). */
  readonly editThenCodeLens: LatencyStats;
}

/**
 * Measures the per-request work on `path`.
 * @param index an index that holds the file.
 * @param text the file's text.
 * @param root the workspace folder (for `applies-to`).
 * @param runs repetitions per kind (the first tenth are warm-up and not counted).
 */
export function measureRequests(index: DecisionIndex, path: string, text: string, root: string, runs: number): RequestResults {
  const prefixes = index.getCitationPrefixes();
  const warm = Math.max(2, Math.floor(runs / 10));
  const run = <T>(fn: (i: number) => T, count: (v: T) => number): LatencyStats => {
    for (let i = 0; i < warm; i++) fn(i);
    return time(runs, fn, count);
  };

  const citations = run(() => findCitations(text, { prefixes, fileName: path, commentsOnly: true }), (c) => c.length);
  const codeLens = run(() => codeLensData(index, path, root), (l) => l.length);

  const cited = index.citationsIn(path);
  const positions = cited.map((c) => ({ line: c.range.start.line, character: c.range.start.character + 1 }));
  const hover = run(
    (i) => {
      const pos = positions[i % Math.max(1, positions.length)] ?? { line: 0, character: 0 };
      // As `src/host/citationsAt.ts`: the file's resolved citations, the first under the cursor.
      const c = citationAt(index.citationsIn(path), pos);
      return c?.decision ? hoverMarkdown(index, c.decision) : '';
    },
    (md) => md.split('\n').length,
  );

  const edited = [text, text.replace(/\n/, '\n// edited\n')];
  const editThenCodeLens = run(
    (i) => {
      index.upsert(path, edited[i % 2]);
      return codeLensData(index, path, root);
    },
    (l) => l.length,
  );
  index.upsert(path, text);
  return { path, lines: text.split('\n').length, citations, codeLens, hover, editThenCodeLens };
}
