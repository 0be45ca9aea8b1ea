/** The benchmark's table: the same figures as the JSON, for people. */
import { printAdversarial } from './adversarial';
import type { BenchResults, PhaseStats } from './main';
import { table } from './table';

const MB = 1024 * 1024;

function s(p: PhaseStats | undefined): string {
  return p ? `${p.median.toFixed(2)} s` : 'not measured';
}

function ms(n: number | undefined, digits = 2): string {
  return n === undefined || Number.isNaN(n) ? 'not measured' : `${n.toFixed(digits)} ms`;
}

/**
 * Prints the results as Markdown tables (so they paste into an issue or the README unchanged).
 * @param print receives one line at a time.
 */
export function printReport(r: BenchResults, print: (line: string) => void): void {
  const w = r.workspace;
  const g = w.generated;
  print('');
  print(
    `Decision Lens benchmark, ${r.date.slice(0, 16).replace('T', ' ')} UTC — ${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}, ` +
      `load ${r.machine.loadAverage} at start and ${r.loadAfter} at end, medians of ${r.options.runs} runs`,
  );
  print(
    g
      ? `Workspace: synthetic, scale ${g.scale}, seed ${g.seed}: ${w.files} files, ${(w.bytes / MB).toFixed(0)} MB, ${w.recordFiles} record files, ` +
          `${w.decisions} decisions in ${w.folders.length} folders/logs, ${w.citations} citations (generated in ${g.seconds.toFixed(1)} s)`
      : `Workspace: ${w.root}: ${w.files} files, ${(w.bytes / MB).toFixed(1)} MB, ${w.recordFiles} record files, ${w.decisions} decisions in ${w.folders.length} folders/logs, ${w.citations} citations`,
  );
  print('');
  const fi = r.fullIndex;
  const rows: string[][] = [['measurement', 'Decision Lens', 'ripgrep', 'ours / rg']];
  rows.push(['full index (records + citations), warm cache', s(fi.warm), s(r.ripgrep.warm), r.ratio.warm !== undefined ? `${r.ratio.warm.toFixed(2)}×` : '-']);
  rows.push([
    '  CPU time (user + system), warm',
    `${fi.warmCpu.median.toFixed(2)} s`,
    r.ripgrep.warmCpu ? `${r.ripgrep.warmCpu.median.toFixed(2)} s` : 'not measured',
    r.ratio.warmCpu !== undefined ? `${r.ratio.warmCpu.toFixed(2)}×` : '-',
  ]);
  rows.push(['  vs ripgrep on one thread (-j1)', '', s(r.ripgrep.warmSingleThread), r.ratio.warmVsSingleThread !== undefined ? `${r.ratio.warmVsSingleThread.toFixed(2)}×` : '-']);
  rows.push([
    'full index, cold cache',
    fi.cold ? s(fi.cold) : fi.coldNote ?? 'not measured',
    r.ripgrep.cold ? s(r.ripgrep.cold) : 'not measured',
    r.ratio.cold !== undefined ? `${r.ratio.cold.toFixed(2)}×` : '-',
  ]);
  rows.push([
    '  core alone (texts in memory): all / records',
    `${fi.core.totalMs.toFixed(0)} / ${fi.core.recordsMs.toFixed(0)} ms (CPU ${fi.core.cpuMs.toFixed(0)} ms)`,
    '',
    '',
  ]);
  rows.push(['  listing and reading the same files only (I/O floor)', `${fi.readOnlySeconds.toFixed(2)} s`, '', '']);
  rows.push(['citations found (rg: pattern matches)', String(w.citations), r.ripgrep.matches !== undefined ? String(r.ripgrep.matches) : '-', '']);
  table(rows, print);
  print('');

  const rows2: string[][] = [['measurement', 'median', 'p95', 'target', 'met']];
  rows2.push([
    `parse ${r.parse.recordFiles} record files (${r.parse.decisions} decisions)`,
    `${ms(r.parse.seconds * 1000, 0)} (CPU ${ms(r.parse.cpuSeconds * 1000, 0)})`,
    `first run ${ms(r.parse.firstSeconds * 1000, 0)}`,
    '< 1 s for 2,000',
    mark(r.targets.find((t) => t.name.startsWith('parse '))?.met),
  ]);
  rows2.push(['  records parsed per second', `${Math.round(r.parse.recordsPerSecond).toLocaleString('en')}/s`, '', '', '']);
  const inc = r.incremental;
  rows2.push(['incremental: record changed → index event', ms(inc.record?.medianMs), ms(inc.record?.p95Ms), '', '']);
  rows2.push(['  … + queries (citations of it, relations, list)', ms(inc.record?.withQueryMedianMs), ms(inc.record?.withQueryP95Ms), '< 20 ms', mark(inc.record ? inc.record.withQueryMedianMs < 20 : undefined)]);
  rows2.push(['incremental: source changed → index event', ms(inc.source?.medianMs), ms(inc.source?.p95Ms), '', '']);
  rows2.push(['  … + queries (its citations, citations of a decision)', ms(inc.source?.withQueryMedianMs), ms(inc.source?.withQueryP95Ms), '< 20 ms', mark(inc.source ? inc.source.withQueryMedianMs < 20 : undefined)]);
  const q = r.requests;
  if (q) {
    rows2.push([`request on a ${q.lines.toLocaleString('en')}-line file: find citations (${q.citations.items})`, `${ms(q.citations.medianMs)} (CPU ${ms(q.citations.cpuMeanMs)})`, ms(q.citations.p95Ms), '< 10 ms', mark(q.citations.medianMs < 10)]);
    rows2.push([`  CodeLens data (${q.codeLens.items} lenses)`, `${ms(q.codeLens.medianMs)} (CPU ${ms(q.codeLens.cpuMeanMs)})`, ms(q.codeLens.p95Ms), '< 10 ms', mark(q.codeLens.medianMs < 10)]);
    rows2.push([`  hover data`, `${ms(q.hover.medianMs, 3)} (CPU ${ms(q.hover.cpuMeanMs, 3)})`, ms(q.hover.p95Ms, 3), '< 10 ms', mark(q.hover.medianMs < 10)]);
    rows2.push([`  edit → index update → CodeLens data`, ms(q.editThenCodeLens.medianMs), ms(q.editThenCodeLens.p95Ms), '', '']);
  }
  const m = r.memory;
  rows2.push(['index heap after GC', m.indexHeapMB !== undefined ? `${m.indexHeapMB.toFixed(1)} MB` : m.note ?? '-', '', '< 150 MB', mark(m.indexHeapMB !== undefined ? m.indexHeapMB < 150 : undefined)]);
  rows2.push(['  process heap used / RSS / peak RSS', `${m.heapUsedMB.toFixed(0)} / ${m.rssMB.toFixed(0)} / ${m.maxRssMB.toFixed(0)} MB`, '', '', '']);
  const a = r.activation;
  if (a) {
    rows2.push([
      'activation: load dist/extension.js (production, before activate)',
      ms(a.loadMs),
      ms(a.loadP95Ms),
      '',
      '',
    ]);
    rows2.push(['  bundle size / VSIX size', `${a.bundleBytes !== undefined ? (a.bundleBytes / 1024).toFixed(0) + ' KB' : '-'} / ${a.vsixBytes !== undefined ? (a.vsixBytes / 1024).toFixed(0) + ' KB' : 'not measured'}`, a.vsixFiles ? `${a.vsixFiles.length} files` : '', '', '']);
  }
  table(rows2, print);
  if (r.adversarial) printAdversarial(r.adversarial, print);
  const notes = [fi.coldNote && !fi.cold ? `Cold cache: ${fi.coldNote}.` : '', r.ripgrep.note ?? '', ...(a?.notes ?? []), r.memory.note ?? ''].filter((n) => n !== '');
  if (notes.length) {
    print('');
    for (const n of notes) print(`Note: ${n}`);
  }
  print('');
  print(`ripgrep ${r.ripgrep.version ?? '(not installed)'}: rg --no-ignore --hidden --only-matching --line-number --column -g '!node_modules/' … -e '${r.ripgrep.pattern}'`);
}

function mark(met: boolean | undefined): string {
  return met === undefined ? '-' : met ? 'yes' : 'NO';
}
