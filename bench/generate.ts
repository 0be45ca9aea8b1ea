/**
 * Writes a synthetic monorepo for the benchmark: decision records in every format family Decision
 * Lens reads (Nygard / adr-tools, MADR 2, MADR 4 front matter, log4brains, dotnet-adr, single-file
 * decision logs) in several folders, and source files in several languages of which a share cite
 * decisions in the forms listed in PRODUCT.md ("Identity and citations").
 *
 * The output depends only on the seed and the scale. Files are written one by one as they are
 * generated, so memory stays flat whatever the total size.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Rng } from './rng';

/** How large a repository to write. */
export interface Scale {
  readonly name: string;
  /** Decision records in total (a decision-log entry counts as one). */
  readonly records: number;
  /** Source files (not counting records, logs and configuration files). */
  readonly files: number;
  /** Mean size of a source file in bytes (sizes vary from ~1 KB to ~5 times the mean). */
  readonly meanFileBytes: number;
  /** Share of source files that cite decisions, `0..1`. */
  readonly citingShare: number;
  /** Lines of the one large source file the per-request latencies are measured on. */
  readonly bigFileLines: number;
}

/** The scales `--scale` accepts. */
export const SCALES: Readonly<Record<string, Scale>> = {
  small: { name: 'small', records: 200, files: 2_000, meanFileBytes: 10_000, citingShare: 0.05, bigFileLines: 10_000 },
  default: { name: 'default', records: 2_000, files: 20_000, meanFileBytes: 10_000, citingShare: 0.05, bigFileLines: 10_000 },
  large: { name: 'large', records: 10_000, files: 100_000, meanFileBytes: 10_000, citingShare: 0.05, bigFileLines: 10_000 },
};

/** Bumped whenever the generator's output changes, so a reused folder is regenerated. */
export const GENERATOR_VERSION = 2;

/** What was written, for the report and for the measurements that need particular files. */
export interface GeneratedRepo {
  readonly root: string;
  readonly seed: number;
  readonly scale: string;
  /** Record files written (decision logs count once). */
  readonly recordFiles: number;
  /** Decisions written (records plus log entries). */
  readonly decisions: number;
  readonly sourceFiles: number;
  /** Source files that contain at least one citation. */
  readonly citingFiles: number;
  /** Citations written into source files (all forms). */
  readonly citations: number;
  /** Bytes written in total. */
  readonly bytes: number;
  /** Absolute path of the large source file used for per-request latency. */
  readonly bigFile: string;
  /** Absolute path of one record file, for the incremental-update measurement. */
  readonly sampleRecord: string;
  /** Absolute path of one ordinary source file that cites decisions. */
  readonly sampleSource: string;
  /** Citation prefixes per decision folder, relative to the root (what a user would set in settings). */
  readonly prefixes: Readonly<Record<string, string>>;
  /** Seconds spent generating. */
  readonly seconds: number;
}

type Family = 'nygard' | 'madr2' | 'madr4' | 'log4brains' | 'dotnet-adr' | 'decision-log';

/** One planned decision, before its text is written. */
interface Plan {
  family: Family;
  folder: string;
  prefix: string;
  number: number;
  slug: string;
  title: string;
  date: string;
  status: string;
  file: string;
  supersedes?: Plan;
  supersededBy?: Plan;
  amends?: Plan;
  appliesTo?: string[];
  deciders: string[];
  tags: string[];
}

const WORDS = (
  'order payment invoice customer account session token cache queue event stream record ledger ' +
  'report search index catalog price discount shipment warehouse inventory partner webhook ' +
  'gateway service client server schema migration tenant region replica shard backup audit ' +
  'metric trace log alert policy retry timeout limit quota budget feature flag release build ' +
  'deploy container cluster node pod secret key certificate identity role permission review'
).split(' ');
const TECH = (
  'PostgreSQL Kafka Redis gRPC GraphQL REST OpenTelemetry Prometheus Terraform Kubernetes Helm ' +
  'React Vue Svelte TypeScript Go Rust Java Python S3 DynamoDB SQLite Elasticsearch NATS RabbitMQ ' +
  'Envoy Nginx Vault Keycloak OAuth2 JWT Protobuf Avro Parquet Airflow dbt Spark Flink'
).split(' ');
const VERBS = ['Use', 'Adopt', 'Replace', 'Keep', 'Introduce', 'Drop', 'Standardise on', 'Move to', 'Split', 'Limit'];
const PEOPLE = ['Alice Martin', 'Bob Chen', 'Carol Diaz', 'Dan Okafor', 'Eve Novak', 'Farid Haddad', 'Grace Kim', 'Hiro Sato', 'Ines Costa', 'Jonas Berg', 'PM', 'Tech lead', 'Architecture board'];
const STATUSES = ['Accepted', 'Accepted', 'Accepted', 'Proposed', 'Rejected', 'Deprecated', 'Draft'];
const SERVICES = ['orders', 'payments', 'billing', 'catalog', 'search', 'shipping', 'identity', 'notifications', 'reporting', 'inventory', 'pricing', 'gateway'];
const PACKAGES = ['core', 'web', 'api', 'ui-kit', 'sdk', 'cli', 'telemetry', 'storage'];
const MODULES = ['domain', 'adapters', 'handlers', 'model', 'util', 'internal', 'routes', 'jobs', 'store', 'config'];
const LOG_PACKAGES = ['core', 'web', 'api'];

/** Languages of source files: extension, relative weight, and how a line comment starts. */
const LANGUAGES: readonly { ext: string; weight: number; comment: string; block?: [string, string] }[] = [
  { ext: 'ts', weight: 24, comment: '//', block: ['/*', '*/'] },
  { ext: 'js', weight: 9, comment: '//', block: ['/*', '*/'] },
  { ext: 'py', weight: 14, comment: '#' },
  { ext: 'go', weight: 12, comment: '//', block: ['/*', '*/'] },
  { ext: 'java', weight: 12, comment: '//', block: ['/*', '*/'] },
  { ext: 'rs', weight: 8, comment: '//' },
  { ext: 'yaml', weight: 8, comment: '#' },
  { ext: 'md', weight: 5, comment: '' },
  { ext: 'cs', weight: 4, comment: '//', block: ['/*', '*/'] },
  { ext: 'sh', weight: 2, comment: '#' },
  { ext: 'sql', weight: 2, comment: '--' },
];

function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function pad(n: number, width = 4): string {
  return String(n).padStart(width, '0');
}

function sentence(rng: Rng, words = rng.int(8, 18)): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(rng.chance(0.1) ? rng.pick(TECH) : rng.pick(WORDS));
  const s = out.join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
}

function paragraph(rng: Rng, sentences = rng.int(2, 5)): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(sentence(rng));
  return out.join(' ');
}

function dateFor(index: number, total: number): string {
  // Spread dates from 2016-01-01 over ten years in record order.
  const start = Date.UTC(2016, 0, 1);
  const day = 86_400_000;
  const t = start + Math.floor((index / Math.max(1, total)) * 3650) * day;
  return new Date(t).toISOString().slice(0, 10);
}

function titleFor(rng: Rng): string {
  const verb = rng.pick(VERBS);
  return `${verb} ${rng.pick(TECH)} for ${rng.pick(WORDS)} ${rng.pick(WORDS)}`;
}

/**
 * Writes the synthetic repository.
 * @param root folder to write into (created; existing files with the same names are replaced).
 * @param scale how much to write.
 * @param seed any integer; the same seed and scale give the same bytes.
 * @returns a summary of what was written.
 */
export function generateRepo(root: string, scale: Scale, seed: number): GeneratedRepo {
  const started = performance.now();
  const rng = new Rng(seed);
  const madeDirs = new Set<string>();
  let bytes = 0;
  const write = (rel: string, text: string): void => {
    const abs = join(root, rel);
    const dir = dirname(abs);
    if (!madeDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      madeDirs.add(dir);
    }
    const buf = Buffer.from(text, 'utf8');
    writeFileSync(abs, buf);
    bytes += buf.length;
  };

  // ---- decision folders and their configuration files -------------------------------------
  const folders = {
    nygard: 'doc/architecture/decisions',
    madr2: 'docs/adr',
    madr4: 'docs/madr/decisions',
    dotnet: 'services/payments/docs/adr',
  };
  const prefixes: Record<string, string> = {
    [folders.nygard]: 'ADR',
    [folders.madr2]: 'DEC',
    [folders.madr4]: 'MADR',
    [folders.dotnet]: 'PAY',
  };
  // The citation prefix of each folder, as a team sets it in the workspace settings (the CLI reads
  // the same file).
  write('.vscode/settings.json', JSON.stringify({ 'decisionLens.folderPrefixes': prefixes }, null, 2) + '\n');
  write('.adr-dir', folders.nygard + '\n');
  write(
    '.log4brains.yml',
    '---\nproject:\n  name: Synthetic monorepo\n  tz: Europe/Paris\n  adrFolder: ./docs/decisions\n\n  packages:\n' +
      LOG_PACKAGES.map((p) => `    - name: ${p}\n      path: ./packages/${p}\n      adrFolder: ./packages/${p}/docs/adr\n`).join('\n'),
  );
  write('services/payments/adr.config.json', JSON.stringify({ path: 'docs/adr', template: 'nygard' }, null, 2) + '\n');

  // ---- plan the decisions --------------------------------------------------------------------
  const share: [Family, number][] = [
    ['nygard', 0.24],
    ['madr2', 0.15],
    ['madr4', 0.24],
    ['log4brains', 0.15],
    ['dotnet-adr', 0.1],
    ['decision-log', 0.12],
  ];
  const counts = new Map<Family, number>();
  let assigned = 0;
  for (const [family, s] of share) {
    const n = Math.floor(scale.records * s);
    counts.set(family, n);
    assigned += n;
  }
  counts.set('nygard', (counts.get('nygard') ?? 0) + scale.records - assigned);

  const plans: Plan[] = [];
  const byFamily = new Map<Family, Plan[]>();
  const usedSlugs = new Set<string>();
  const logFiles: string[] = [];
  const logCount = Math.max(1, Math.round((counts.get('decision-log') ?? 0) / 50));
  for (let i = 0; i < logCount; i++) {
    const svc = SERVICES[i % SERVICES.length];
    const round = Math.floor(i / SERVICES.length);
    logFiles.push(i % 2 === 0 ? `services/${svc}${round ? '-' + round : ''}/DECISIONS.md` : `teams/${svc}${round ? '-' + round : ''}/decision-log.md`);
  }
  for (const [family] of share) {
    const n = counts.get(family) ?? 0;
    const list: Plan[] = [];
    for (let i = 0; i < n; i++) {
      let title = titleFor(rng);
      let slug = slugify(title);
      while (usedSlugs.has(family + slug)) {
        title = `${title} ${rng.pick(WORDS)}`;
        slug = slugify(title);
      }
      usedSlugs.add(family + slug);
      const date = dateFor(i, n);
      const plan: Plan = {
        family,
        folder: '',
        prefix: 'ADR',
        number: i + 1,
        slug,
        title,
        date,
        status: rng.pick(STATUSES),
        file: '',
        deciders: rng.sample(PEOPLE, rng.int(1, 3)),
        tags: rng.sample(WORDS, rng.int(0, 3)),
      };
      switch (family) {
        case 'nygard':
          plan.folder = folders.nygard;
          plan.file = `${folders.nygard}/${pad(plan.number)}-${slug}.md`;
          break;
        case 'madr2':
          plan.folder = folders.madr2;
          plan.prefix = 'DEC';
          plan.file = `${folders.madr2}/${pad(plan.number)}-${slug}.md`;
          break;
        case 'madr4':
          plan.folder = folders.madr4;
          plan.prefix = 'MADR';
          plan.number = i; // MADR numbers from 0000
          plan.file = `${folders.madr4}/${pad(plan.number)}-${slug}.md`;
          if (rng.chance(0.15)) {
            plan.appliesTo = [`services/${rng.pick(SERVICES)}/**`, ...(rng.chance(0.5) ? [`packages/${rng.pick(PACKAGES)}/src/**/*.ts`] : [])];
          }
          break;
        case 'log4brains': {
          const pkg = i % 4 === 0 ? undefined : LOG_PACKAGES[i % LOG_PACKAGES.length];
          plan.folder = pkg ? `packages/${pkg}/docs/adr` : 'docs/decisions';
          plan.slug = `${date.replace(/-/g, '')}-${slug}`;
          plan.file = `${plan.folder}/${plan.slug}.md`;
          break;
        }
        case 'dotnet-adr':
          plan.folder = folders.dotnet;
          plan.prefix = 'PAY';
          plan.file = `${folders.dotnet}/${pad(plan.number)}-${slug}.md`;
          break;
        case 'decision-log': {
          const log = logFiles[i % logFiles.length];
          plan.folder = log;
          plan.prefix = 'DL';
          plan.number = Math.floor(i / logFiles.length) + 1;
          plan.file = log;
          break;
        }
      }
      // Relations: supersede or amend an earlier decision of the same folder.
      const earlier = list.filter((p) => p.folder === plan.folder);
      if (earlier.length > 0 && rng.chance(0.15)) {
        const target = rng.pick(earlier.slice(-20));
        if (!target.supersededBy) {
          plan.supersedes = target;
          target.supersededBy = plan;
          target.status = 'Superseded';
          if (plan.status === 'Rejected' || plan.status === 'Superseded') plan.status = 'Accepted';
        }
      } else if (earlier.length > 0 && rng.chance(0.05)) {
        plan.amends = rng.pick(earlier.slice(-20));
      }
      list.push(plan);
      plans.push(plan);
    }
    byFamily.set(family, list);
  }

  // ---- write records -----------------------------------------------------------------------
  let recordFiles = 0;
  const logEntries = new Map<string, string[]>();
  for (const plan of plans) {
    const r = rng.fork(plan.number * 7919 + plan.family.length);
    if (plan.family === 'decision-log') {
      const entries = logEntries.get(plan.file) ?? [];
      entries.push(renderLogEntry(plan, r));
      logEntries.set(plan.file, entries);
      continue;
    }
    write(plan.file, renderRecord(plan, r));
    recordFiles++;
  }
  for (const [file, entries] of logEntries) {
    write(file, `# Decision log: ${file.split('/')[1]}\n\nA running log kept by the product manager and the tech lead. Newest entries at the bottom.\n\n${entries.join('\n')}`);
    recordFiles++;
  }
  // Files in decision folders that are not decisions.
  write(`${folders.nygard}/README.md`, '# Architecture decisions\n\nSee the records in this folder.\n');
  write(`${folders.madr4}/adr-template.md`, '---\nstatus: "{proposed | rejected | accepted | deprecated | … | superseded by ADR-0123}"\ndate: {YYYY-MM-DD}\n---\n# {short title}\n');
  write('docs/decisions/template.md', '# [short title of solved problem and solution]\n\n- Status: [draft | proposed | rejected | accepted | deprecated | … | superseded by [xxx](yyyymmdd-xxx.md)]\n');

  // ---- citations to write into source files -------------------------------------------------
  const citeable = plans;
  const citation = (r: Rng, markdown: boolean): string => {
    const p = r.pick(citeable);
    const unknown = r.chance(0.03);
    const num = unknown ? p.number + 100_000 : p.number;
    const form = r.int(0, markdown ? 11 : 10);
    if (p.family === 'log4brains') {
      // Date-slug records are cited by path or by link.
      return form % 2 === 0 || !markdown ? `${p.file}` : `[${p.title}](${relPath(p.file)})`;
    }
    if (p.family === 'decision-log') {
      return form % 2 === 0 ? `@decision(DL-${num})` : `DL-${num}`;
    }
    switch (form) {
      case 0:
        return `${p.prefix}-${pad(num)}`;
      case 1:
        return `${p.prefix}-${num}`;
      case 2:
        return `${p.prefix} ${num}`;
      case 3:
        return `${p.prefix} ${pad(num)}`;
      case 4:
        return `${p.prefix} ${pad(num, 3)}-${p.slug}`;
      case 5:
        return `${p.prefix}-${pad(num, 3)} §${r.int(1, 9)}${r.pick(['a', 'b', ''])}`;
      case 6:
        return `${p.file}#${r.pick(['decision', 'consequences', 'context'])}`;
      case 7:
        return p.file;
      case 8:
        return `@${p.prefix}(${num})`;
      case 9:
        return `${p.prefix}-${pad(num)}`;
      default:
        return `[${p.prefix}-${pad(num)}](${relPath(p.file)})`;
    }
  };
  // A link written in a source file is relative to the repository root in this generator.
  const relPath = (file: string): string => file;

  // ---- source files ------------------------------------------------------------------------
  const totalWeight = LANGUAGES.reduce((a, l) => a + l.weight, 0);
  const pickLanguage = (r: Rng): (typeof LANGUAGES)[number] => {
    let x = r.next() * totalWeight;
    for (const l of LANGUAGES) {
      x -= l.weight;
      if (x < 0) return l;
    }
    return LANGUAGES[0];
  };
  const pools = new Map<string, string[]>();
  for (const l of LANGUAGES) pools.set(l.ext, buildLinePool(l.ext, rng.fork(l.ext.length * 31 + l.weight), 600));

  const dirs: string[] = [];
  const dirCount = Math.max(10, Math.round(scale.files / 40));
  for (let i = 0; i < dirCount; i++) {
    const kind = i % 3;
    const mod = MODULES[Math.floor(i / 3) % MODULES.length];
    const round = Math.floor(i / (3 * MODULES.length));
    if (kind === 0) dirs.push(`services/${SERVICES[round % SERVICES.length]}${round >= SERVICES.length ? '-' + Math.floor(round / SERVICES.length) : ''}/src/${mod}`);
    else if (kind === 1) dirs.push(`packages/${PACKAGES[round % PACKAGES.length]}${round >= PACKAGES.length ? '-' + Math.floor(round / PACKAGES.length) : ''}/src/${mod}`);
    else dirs.push(`apps/${['web', 'admin', 'mobile'][round % 3]}${round >= 3 ? '-' + Math.floor(round / 3) : ''}/src/${mod}`);
  }

  let citingFiles = 0;
  let citations = 0;
  let sampleSource = '';
  for (let i = 0; i < scale.files; i++) {
    const r = rng.fork(i + 1_000_003);
    const lang = pickLanguage(r);
    const dir = lang.ext === 'yaml' ? `infra/${dirs[i % dirs.length].split('/')[1]}/${MODULES[i % MODULES.length]}` : lang.ext === 'md' ? `docs/guides/${dirs[i % dirs.length].split('/')[1]}` : dirs[i % dirs.length];
    const name = `${r.pick(WORDS)}${capital(r.pick(WORDS))}${i}.${lang.ext}`;
    const size = Math.round(scale.meanFileBytes * (0.1 + 3.6 * r.next() * r.next()));
    const cites = r.chance(scale.citingShare) ? r.int(1, 5) : 0;
    const text = sourceText(lang, pools.get(lang.ext) ?? [], size, cites, r, citation);
    if (cites > 0) {
      citingFiles++;
      citations += cites;
      if (!sampleSource && lang.ext === 'ts') sampleSource = `${dir}/${name}`;
    }
    write(`${dir}/${name}`, text);
  }

  // The large file for per-request latency: one citation about every 50 lines.
  const bigRel = 'services/orders/src/generated/orderStateMachine.ts';
  {
    const r = rng.fork(424242);
    const pool = pools.get('ts') ?? [];
    const lines: string[] = [];
    let cites = 0;
    for (let i = 0; i < scale.bigFileLines; i++) {
      if (i % 50 === 25) {
        lines.push(`  // see ${citation(r, false)} for why this transition exists`);
        cites++;
      } else lines.push(r.pick(pool));
    }
    write(bigRel, lines.join('\n') + '\n');
    citingFiles++;
    citations += cites;
  }

  // Folders every scan must skip.
  for (let i = 0; i < 50; i++) {
    write(`node_modules/some-lib-${i % 5}/lib/index${i}.js`, `// ADR-1 inside a dependency must not count\nmodule.exports = ${i};\n`);
    write(`dist/chunk${i}.js`, `/* ADR-2 in build output */ var x${i} = 1;\n`);
  }

  const sampleRecordPlan = byFamily.get('nygard')?.[Math.floor((byFamily.get('nygard')?.length ?? 1) / 2)] ?? plans[0];
  return {
    root,
    seed,
    scale: scale.name,
    recordFiles,
    decisions: plans.length,
    sourceFiles: scale.files + 1,
    citingFiles,
    citations,
    bytes,
    bigFile: join(root, bigRel),
    sampleRecord: join(root, sampleRecordPlan.file),
    sampleSource: join(root, sampleSource || bigRel),
    prefixes,
    seconds: (performance.now() - started) / 1000,
  };
}

function capital(word: string): string {
  return word[0].toUpperCase() + word.slice(1);
}

/** Builds `count` plausible lines of code (or prose) for a language, without citations. */
function buildLinePool(ext: string, rng: Rng, count: number): string[] {
  const pool: string[] = [];
  const id = (): string => rng.pick(WORDS) + capital(rng.pick(WORDS));
  for (let i = 0; i < count; i++) {
    const indent = '  '.repeat(rng.int(0, 3));
    const a = id();
    const b = id();
    const n = rng.int(0, 999);
    let line: string;
    switch (ext) {
      case 'ts':
      case 'js':
        line = rng.pick([
          `const ${a} = await ${b}(${n}, options);`,
          `if (${a}.length > ${n}) return ${b};`,
          `export function ${a}(input: string): number {`,
          `}`,
          `// ${sentence(rng, rng.int(4, 10))}`,
          `this.${a} = new Map<string, ${capital(b)}>();`,
          `import { ${a} } from './${b}';`,
          `for (const item of ${a}) ${b}.push(item.${id()});`,
          `throw new Error('${sentence(rng, 5)}');`,
          ``,
        ]);
        break;
      case 'py':
        line = rng.pick([`${a} = ${b}(${n})`, `def ${a}(self, value):`, `    return self.${b}`, `# ${sentence(rng, rng.int(4, 10))}`, `if ${a} > ${n}:`, `from .${b} import ${a}`, `raise ValueError("${sentence(rng, 5)}")`, ``]);
        break;
      case 'go':
        line = rng.pick([`${a} := ${b}(ctx, ${n})`, `func ${capital(a)}(ctx context.Context) error {`, `}`, `if err != nil {`, `return fmt.Errorf("${a}: %w", err)`, `// ${sentence(rng, rng.int(4, 10))}`, `type ${capital(a)} struct {`, ``]);
        break;
      case 'java':
      case 'cs':
        line = rng.pick([`private final ${capital(a)} ${b};`, `public ${capital(a)} get${capital(b)}() {`, `return ${b}.${a}(${n});`, `}`, `// ${sentence(rng, rng.int(4, 10))}`, `if (${a} == null) throw new IllegalStateException("${b}");`, `@Override`, ``]);
        break;
      case 'rs':
        line = rng.pick([`let ${a} = ${b}(${n})?;`, `pub fn ${a}(&self) -> Result<(), Error> {`, `}`, `// ${sentence(rng, rng.int(4, 10))}`, `match ${a} {`, `impl ${capital(a)} for ${capital(b)} {`, ``]);
        break;
      case 'yaml':
        line = rng.pick([`${a}: ${b}`, `  ${a}: ${n}`, `  - name: ${b}`, `    image: registry.local/${a}:${n}`, `# ${sentence(rng, rng.int(4, 10))}`, `${a}:`]);
        break;
      case 'md':
        line = rng.pick([paragraph(rng, rng.int(1, 3)), `## ${capital(a)} ${b}`, `- ${sentence(rng)}`, ``, '```sh', `npm run ${a}`, '```']);
        break;
      case 'sh':
        line = rng.pick([`${a}="$(${b} --count ${n})"`, `if [ -z "$${a}" ]; then`, `fi`, `# ${sentence(rng, rng.int(4, 10))}`, `echo "${b}"`]);
        break;
      case 'sql':
        line = rng.pick([`SELECT ${a}, ${b} FROM ${a}s WHERE id = ${n};`, `-- ${sentence(rng, rng.int(4, 10))}`, `CREATE INDEX ${a}_idx ON ${b} (${a});`]);
        break;
      default:
        line = sentence(rng);
    }
    pool.push(ext === 'md' || ext === 'yaml' ? line : indent + line);
  }
  return pool;
}

/** A source file of about `size` bytes with `cites` citation comments at random lines. */
function sourceText(
  lang: (typeof LANGUAGES)[number],
  pool: readonly string[],
  size: number,
  cites: number,
  rng: Rng,
  citation: (r: Rng, markdown: boolean) => string,
): string {
  const lines: string[] = [];
  let length = 0;
  while (length < size) {
    const line = rng.pick(pool);
    lines.push(line);
    length += line.length + 1;
  }
  for (let c = 0; c < cites; c++) {
    const at = rng.int(0, lines.length);
    const cite = citation(rng, lang.ext === 'md');
    let line: string;
    if (lang.ext === 'md') line = `This follows ${cite}; read it before changing the ${rng.pick(WORDS)} flow.`;
    else if (lang.block && rng.chance(0.2)) line = `${lang.block[0]} ${capital(rng.pick(WORDS))} rules: ${cite}. ${lang.block[1]}`;
    else line = `${lang.comment} see ${cite} (${rng.pick(WORDS)} ${rng.pick(WORDS)})`;
    lines.splice(at, 0, line);
  }
  return lines.join('\n') + '\n';
}

/** Renders one record file in its family's format. */
function renderRecord(p: Plan, rng: Rng): string {
  const ctx = paragraph(rng, rng.int(3, 6));
  const decision = paragraph(rng, rng.int(2, 5));
  const consequences = paragraph(rng, rng.int(2, 5));
  const options = [p.title.replace(/^\S+ /, ''), `Keep ${rng.pick(TECH)}`, `Build our own ${rng.pick(WORDS)} layer`];
  const ref = (q: Plan, style: 'nygard' | 'id' | 'slug'): string => {
    const target = q.file.slice(q.file.lastIndexOf('/') + 1);
    if (style === 'nygard') return `[${q.number}. ${q.title}](${target})`;
    if (style === 'slug') return `[${q.slug}](${target})`;
    return `[${q.prefix}-${pad(q.number)}](${target})`;
  };
  switch (p.family) {
    case 'nygard': {
      const rel: string[] = [];
      if (p.supersedes) rel.push(`Supersedes ${ref(p.supersedes, 'nygard')}`);
      if (p.amends) rel.push(`Amends ${ref(p.amends, 'nygard')}`);
      if (p.supersededBy) rel.push(`${rng.chance(0.3) ? 'Superceded by' : 'Superseded by'} ${ref(p.supersededBy, 'nygard')}`);
      return `# ${p.number}. ${p.title}\n\nDate: ${p.date}\n\n## Status\n\n${p.status}\n\n${rel.length ? rel.join('\n\n') + '\n\n' : ''}## Context\n\n${ctx}\n\n## Decision\n\n${decision}\n\n## Consequences\n\n${consequences}\n`;
    }
    case 'dotnet-adr': {
      const status = p.supersededBy ? `Superseded by ADR ${pad(p.supersededBy.number)} - ${p.supersededBy.title}` : p.status;
      const rel = p.supersedes ? `\n\nSupersedes ADR ${pad(p.supersedes.number)} - ${p.supersedes.title}` : '';
      const crlf = rng.chance(0.3);
      const text = `# ${p.number}. ${p.title}\n\nDate: ${p.date}\n\n## Status\n\n${status}${rel}\n\n## Context\n\n${ctx}\n\n## Decision\n\n${decision}\n\n## Consequences\n\n${consequences}\n`;
      // dotnet-adr is written on Windows more often than not.
      return crlf ? '\uFEFF' + text.replace(/\n/g, '\r\n') : text;
    }
    case 'madr2': {
      const links: string[] = [];
      if (p.supersedes) links.push(`* Supersedes ${ref(p.supersedes, 'id')}`);
      if (p.supersededBy) links.push(`* Superseded by ${ref(p.supersededBy, 'id')}`);
      if (p.amends) links.push(`* Refines ${ref(p.amends, 'id')}`);
      const status = p.supersededBy ? `superseded by ${ref(p.supersededBy, 'id')}` : p.status.toLowerCase();
      return (
        `# ${p.title}\n\n* Status: ${status}\n* Deciders: ${p.deciders.join(', ')}\n* Date: ${p.date}\n\n` +
        `Technical Story: ${sentence(rng)}\n\n## Context and Problem Statement\n\n${ctx}\n\n## Decision Drivers\n\n` +
        `* ${sentence(rng, 6)}\n* ${sentence(rng, 6)}\n\n## Considered Options\n\n${options.map((o) => `* ${o}`).join('\n')}\n\n` +
        `## Decision Outcome\n\nChosen option: "${options[0]}", because ${sentence(rng)}\n\n### Positive Consequences\n\n* ${sentence(rng)}\n\n` +
        `### Negative Consequences\n\n* ${sentence(rng)}\n\n## Pros and Cons of the Options\n\n` +
        options.map((o) => `### ${o}\n\n* Good, because ${sentence(rng, 6)}\n* Bad, because ${sentence(rng, 6)}\n`).join('\n') +
        (links.length ? `\n## Links\n\n${links.join('\n')}\n` : '')
      );
    }
    case 'madr4': {
      const fm: string[] = [];
      if (p.supersededBy) fm.push(`status: "superseded by ${p.supersededBy.prefix}-${pad(p.supersededBy.number)}"`);
      else fm.push(`status: ${p.status.toLowerCase()}`);
      fm.push(`date: ${p.date}`);
      fm.push(`decision-makers: ${p.deciders.join(', ')}`);
      if (rng.chance(0.5)) fm.push(`consulted: ${rng.pick(PEOPLE)}`);
      if (rng.chance(0.3)) fm.push(`informed: ${rng.pick(PEOPLE)}`);
      if (p.tags.length) fm.push(`tags: [${p.tags.join(', ')}]`);
      if (p.supersedes) fm.push(`supersedes: ${p.supersedes.prefix}-${pad(p.supersedes.number)}`);
      if (p.appliesTo) fm.push(`applies-to:\n${p.appliesTo.map((g) => `  - "${g}"`).join('\n')}`);
      return (
        `---\n${fm.join('\n')}\n---\n# ${p.title}\n\n## Context and Problem Statement\n\n${ctx}\n\n## Decision Drivers\n\n` +
        `* ${sentence(rng, 6)}\n* ${sentence(rng, 6)}\n\n## Considered Options\n\n${options.map((o) => `* ${o}`).join('\n')}\n\n` +
        `## Decision Outcome\n\nChosen option: "${options[0]}", because ${sentence(rng)}\n\n### Consequences\n\n` +
        `* Good, because ${sentence(rng, 8)}\n* Bad, because ${sentence(rng, 8)}\n\n### Confirmation\n\n${sentence(rng)}\n\n` +
        `## Pros and Cons of the Options\n\n` +
        options.map((o) => `### ${o}\n\n* Good, because ${sentence(rng, 6)}\n* Neutral, because ${sentence(rng, 6)}\n* Bad, because ${sentence(rng, 6)}\n`).join('\n') +
        `\n## More Information\n\n${paragraph(rng, 2)}\n`
      );
    }
    case 'log4brains': {
      const links: string[] = [];
      if (p.supersedes) links.push(`- Supersedes ${ref(p.supersedes, 'slug')}`);
      if (p.supersededBy) links.push(`- Superseded by ${ref(p.supersededBy, 'slug')}`);
      if (p.amends) links.push(`- Relates to ${ref(p.amends, 'slug')}`);
      const status = p.supersededBy ? `superseded by ${ref(p.supersededBy, 'slug')}` : p.status.toLowerCase();
      return (
        `# ${p.title}\n\n- Status: ${status}\n- Deciders: ${p.deciders.join(', ')}\n- Date: ${p.date}\n` +
        (p.tags.length ? `- Tags: ${p.tags.join(', ')}\n` : '') +
        `\n## Context and Problem Statement\n\n${ctx}\n\n## Decision Drivers <!-- optional -->\n\n* ${sentence(rng, 6)}\n\n` +
        `## Considered Options\n\n${options.map((o) => `- ${o}`).join('\n')}\n\n## Decision Outcome\n\n` +
        `Chosen option: "${options[0]}", because ${sentence(rng)}\n\n### Positive Consequences <!-- optional -->\n\n- ${sentence(rng)}\n\n` +
        (links.length ? `## Links\n\n${links.join('\n')}\n` : '')
      );
    }
    default:
      return '';
  }
}

/** Renders one entry of a single-file decision log. */
function renderLogEntry(p: Plan, rng: Rng): string {
  const lines = [
    `## ${p.title}`,
    '',
    `Date: ${p.date}`,
    `Decision: ${sentence(rng)}`,
    `Context: ${paragraph(rng, 2)}`,
    `Alternatives considered: ${rng.pick(TECH)} (${sentence(rng, 5)}); ${rng.pick(TECH)} (${sentence(rng, 5)})`,
    `Trade-offs: ${sentence(rng)}`,
    `Decision maker: ${p.deciders.join(' and ')}`,
    `Status: ${p.status}`,
  ];
  if (p.supersedes) lines.push(`Supersedes: ${p.supersedes.title}`);
  if (p.amends) lines.push(`Amends: ${p.amends.title}`);
  if (p.supersededBy) lines.push(`Superseded by: ${p.supersededBy.title}`);
  return lines.join('\n') + '\n';
}
