/**
 * Expected readings of real decision records in `../shared/corpus`, written by reading each
 * file (title heading, `Date:` / bullets / front matter, `## Status`, relation lines), one row
 * per decision. `corpus.test.ts` parses each file and compares.
 *
 * Defaults (when a field is omitted): no decision makers, no tags, no relations, no problems,
 * no date. A row's `statusText`, when given, is the status as written in plain text.
 */
import type { FormatFamily, RelationKind, StatusKind } from '../../src/core/model';

export interface ExpectedRelation {
  readonly kind: RelationKind;
  readonly path?: string;
  readonly id?: string;
  readonly title?: string;
}

export interface ExpectedRecord {
  /** Path below the corpus root. */
  readonly file: string;
  /** For decision logs: the entry's position in the file (0-based). */
  readonly entry?: number;
  readonly format: FormatFamily;
  readonly number?: number;
  readonly numberText?: string;
  readonly slug?: string;
  /** The prefix the record states about itself (`# ADR-0002: ...`, `# RFC 100: ...`, `### GAP-009`). */
  readonly prefix?: string;
  readonly title: string;
  /** The title as written when it carries inline Markdown (`` Use same `logback-test.xml` ``). */
  readonly titleMarkdown?: string;
  readonly status: StatusKind;
  readonly statusText?: string;
  readonly date?: string;
  readonly decisionMakers?: readonly string[];
  readonly tags?: readonly string[];
  readonly relations?: readonly ExpectedRelation[];
  readonly chosenOption?: string;
  /** Problem codes, in any order. */
  readonly problems?: readonly string[];
}

const ADR_TOOLS = 'adr-tools/doc/adr';
const MADR = 'madr/docs/decisions';
const L4B = 'log4brains/docs/adr';
const L4B_CORE = 'log4brains/packages/core/docs/adr';
const L4B_WEB = 'log4brains/packages/web/docs/adr';
const RO = 'log4brains/packages/core/integration-tests/ro-project/docs/adr';
const RO_P1 = 'log4brains/packages/core/integration-tests/ro-project/packages/package1/adr';
const RO_P2 = 'log4brains/packages/core/integration-tests/ro-project/packages/package2/adr';
const HA = 'home-assistant/adr';

const WINERY = 'winery/docs/adr';
const NEON = 'neon/docs/rfcs';
const SEED = 'pigweed/seed';
const INGOT = 'ingot';
const COMET = 'cometbft/docs/references/architecture';
const COMET_RFC = 'cometbft/docs/references/rfc';
const BP = 'buildpacks/rfcs/text';

/** A numbered record of the second batch; `numberText` is the file name's number as written. */
function rec(file: string, format: FormatFamily, n: number, title: string, status: StatusKind, extra: Partial<ExpectedRecord> = {}): ExpectedRecord {
  const numberText = /\/(?:[a-z]+-)?(\d+)[-.]/.exec(file)?.[1] ?? String(n);
  return { file, format, number: n, numberText, title, status, ...extra };
}

function nygard(file: string, n: number, title: string, date: string, extra: Partial<ExpectedRecord> = {}): ExpectedRecord {
  const numberText = /\/(\d+)-/.exec(file)?.[1] ?? String(n);
  return { file, format: 'nygard', number: n, numberText, title, status: 'accepted', statusText: 'Accepted', date, ...extra };
}

function madr(file: string, n: number, title: string, chosenOption: string, extra: Partial<ExpectedRecord> = {}): ExpectedRecord {
  const numberText = /\/(\d+)-/.exec(file)?.[1] ?? String(n);
  return { file, format: 'madr4', number: n, numberText, title, status: 'unknown', chosenOption, ...extra };
}

function l4b(file: string, title: string, status: StatusKind, date: string | undefined, extra: Partial<ExpectedRecord> = {}): ExpectedRecord {
  const slug = file.slice(file.lastIndexOf('/') + 1).replace(/\.md$/, '');
  return { file, format: 'log4brains', slug, title, status, ...(date ? { date } : {}), ...extra };
}

export const EXPECTED: readonly ExpectedRecord[] = [
  // adr-tools: Nygard records written by adr-tools itself.
  nygard(`${ADR_TOOLS}/0001-record-architecture-decisions.md`, 1, 'Record architecture decisions', '2016-02-12'),
  nygard(`${ADR_TOOLS}/0002-implement-as-shell-scripts.md`, 2, 'Implement as shell scripts', '2016-02-12'),
  nygard(`${ADR_TOOLS}/0003-single-command-with-subcommands.md`, 3, 'Single command with subcommands', '2016-02-12'),
  nygard(`${ADR_TOOLS}/0004-markdown-format.md`, 4, 'Markdown format', '2016-02-12'),
  nygard(`${ADR_TOOLS}/0005-help-comments.md`, 5, 'Help comments', '2016-02-13', {
    relations: [{ kind: 'amended-by', path: '0009-help-scripts.md', id: '9', title: 'Help scripts' }],
  }),
  nygard(`${ADR_TOOLS}/0006-packaging-and-distribution-in-other-version-control-repositories.md`, 6, 'Packaging and distribution in other version control repositories', '2016-02-16'),
  nygard(`${ADR_TOOLS}/0007-invoke-adr-config-executable-to-get-configuration.md`, 7, 'Invoke adr-config executable to get configuration', '2016-12-17'),
  nygard(`${ADR_TOOLS}/0008-use-iso-8601-format-for-dates.md`, 8, 'Use ISO 8601 Format for Dates', '2017-02-21'),
  nygard(`${ADR_TOOLS}/0009-help-scripts.md`, 9, 'Help scripts', '2018-06-26', {
    relations: [{ kind: 'amends', path: '0005-help-comments.md', id: '5', title: 'Help comments' }],
  }),

  // MADR's own decisions: Jekyll front matter (no decision keys except 0003's status), MADR body.
  madr(`${MADR}/0000-use-markdown-architectural-decision-records.md`, 0, 'Use Markdown Architectural Decision Records', 'MADR 4.0.0'),
  madr(`${MADR}/0001-use-CC0-or-MIT-as-license.md`, 1, 'Dual License the Work', 'Dual license with MIT and CC0'),
  madr(`${MADR}/0002-do-not-use-numbers-in-headings.md`, 2, 'Do Not Use Numbers in Headings', 'Use the title only'),
  madr(`${MADR}/0003-provide-own-madr-tools.md`, 3, 'Write Own MADR Tooling', 'Write own MADR tooling', {
    status: 'on-hold',
    statusText: 'on hold',
  }),
  madr(`${MADR}/0004-write-own-toc-tool.md`, 4, 'Write Own TOC Tool', 'Write own tool adr-log'),
  madr(`${MADR}/0005-use-dashes-in-filenames.md`, 5, 'Use Dashes in Filenames', 'NNNN-title-with-dashes.md'),
  madr(`${MADR}/0006-use-names-as-identifier.md`, 6, 'Use Names as Identifier', 'Repeat all option names if they occur'),
  madr(`${MADR}/0007-do-not-emphasize-line-headings.md`, 7, 'Do Not Emphasize Line Headings', 'Do not emphasize line headings'),
  madr(`${MADR}/0008-add-status-field.md`, 8, 'Add Status Field', 'Use YAML front matter'),
  madr(`${MADR}/0009-support-links-between-adrs-inside-an-adrs.md`, 9, 'Support Links To Other ADRs Inside an ADR', "Include in section 'More Information'"),
  madr(`${MADR}/0010-support-categories.md`, 10, 'Support Categories', 'Use subfolders with local IDs'),
  madr(`${MADR}/0011-use-asterisk-as-list-marker.md`, 11, 'Use Asterisk as List Marker', 'Use an asterisk'),
  madr(`${MADR}/0012-use-curly-braces-to-denote-placeholder.md`, 12, 'Use Curly Braces to Denote Placeholders', 'Use curly braces'),
  madr(`${MADR}/0013-use-yaml-front-matter-for-meta-data.md`, 13, 'Use YAML front matter for metadata', 'Use YAML front matter'),
  madr(`${MADR}/0014-allow-neutral-arguments.md`, 14, 'Allow "neutral" arguments', 'Neutral, because …'),
  madr(`${MADR}/0015-include-consulting-informed-of-raci.md`, 15, 'Include "Consulted" and "Informed" of RACI', "Include 'Consulted' and 'Informed' of RACI"),
  madr(`${MADR}/0016-outcome-before-detailed-pros-cons.md`, 16, 'Outcome before Detailed Pros and Cons', "Section 'Pros and Cons of the Options' after 'Decision Outcome'"),
  madr(
    `${MADR}/0017-use-same-format-for-outcomes-and-options.md`,
    17,
    'Use Same Format for Outcomes and Options',
    'Section "Consequences" listing positive and negative consequences as "Good, because" and "Bad, because"',
  ),
  madr(`${MADR}/0018-use-confirmation-as-heading.md`, 18, 'Use "Confirmation" as Heading', 'Confirmation'),
  madr('madr/template/0000-use-markdown-architectural-decision-records.md', 0, 'Use Markdown Architectural Decision Records', 'MADR 4.0.0'),

  // log4brains' own decisions, with packages.
  l4b(`${L4B}/20200924-use-markdown-architectural-decision-records.md`, 'Use Markdown Architectural Decision Records', 'accepted', '2020-09-24'),
  l4b(`${L4B}/20200925-multi-packages-architecture-in-a-monorepo-with-yarn-and-lerna.md`, 'Multi-packages architecture in a monorepo with Yarn and Lerna', 'accepted', '2020-09-25'),
  l4b(`${L4B}/20200925-use-prettier-eslint-airbnb-for-the-code-style.md`, 'Use Prettier-ESLint Airbnb for the code style', 'accepted', '2020-09-25'),
  l4b(`${L4B}/20200926-use-the-adr-number-as-its-unique-id.md`, 'Use the ADR number as its unique ID', 'superseded', '2020-09-26', {
    statusText: 'superseded by 20201016-use-the-adr-slug-as-its-unique-id',
    relations: [
      {
        kind: 'superseded-by',
        path: '20201016-use-the-adr-slug-as-its-unique-id.md',
        id: '20201016-use-the-adr-slug-as-its-unique-id',
      },
    ],
  }),
  l4b(`${L4B}/20200927-avoid-default-exports.md`, 'Avoid default exports', 'accepted', '2020-09-27'),
  l4b(`${L4B}/20201016-use-the-adr-slug-as-its-unique-id.md`, 'Use the ADR slug as its unique ID', 'accepted', '2020-10-16', {
    relations: [
      {
        kind: 'supersedes',
        path: '20200926-use-the-adr-number-as-its-unique-id.md',
        id: '20200926-use-the-adr-number-as-its-unique-id',
      },
    ],
  }),
  l4b(
    `${L4B}/20201026-the-core-api-is-responsible-for-enhancing-the-adr-markdown-body-with-mdx.md`,
    'The core API is responsible for enhancing the ADR markdown body with MDX',
    'accepted',
    '2020-10-26',
  ),
  l4b(`${L4B}/20201103-use-lunr-for-search.md`, 'Use Lunr for search', 'accepted', '2020-11-03'),
  l4b(`${L4B}/20210113-distribute-log4brains-as-a-global-npm-package.md`, 'Distribute Log4brains as a global NPM package', 'accepted', '2021-01-13'),
  l4b(`${L4B_CORE}/20201002-use-explicit-architecture-and-ddd-for-the-core-api.md`, 'Use Explicit Architecture and DDD for the core API', 'accepted', '2020-10-02'),
  l4b(`${L4B_CORE}/20201003-markdown-parsing-is-part-of-the-domain.md`, 'Markdown parsing is part of the domain', 'accepted', '2020-10-03'),
  l4b(`${L4B_CORE}/20201027-adr-link-resolver-in-the-domain.md`, 'ADR link resolver in the domain', 'accepted', '2020-10-27'),
  l4b(`${L4B_WEB}/20200925-use-nextjs-for-static-site-generation.md`, 'Use Next.js for Static Site Generation', 'accepted', '2020-09-25', {
    tags: ['frontend', 'frameworks'],
  }),
  l4b(`${L4B_WEB}/20200926-react-file-structure-organized-by-feature.md`, 'React file structure organized by feature', 'accepted', '2020-09-26'),
  l4b(`${L4B_WEB}/20200927-avoid-react-fc-type.md`, 'Avoid React.FC type', 'accepted', '2020-09-27'),
  l4b(`${L4B_WEB}/20200927-use-react-hooks.md`, 'Use React hooks', 'accepted', '2020-09-27'),
  l4b(`${L4B_WEB}/20201007-next-js-persistent-layout-pattern.md`, 'Next.js persistent layout pattern', 'accepted', '2020-10-07'),

  // log4brains' read-only test project: complete, partial and broken records.
  l4b(`${RO}/20200101-first-adr.md`, 'First ADR', 'accepted', '2020-01-01', { decisionMakers: ['John Doe', 'Foo bar'], tags: ['foo', 'bar'] }),
  l4b(`${RO}/20200102-adr-only-with-date.md`, 'ADR only with date', 'unknown', '2020-01-02'),
  l4b(`${RO}/20200102-adr-with-intro.md`, 'ADR with intro', 'accepted', '2020-01-02', { decisionMakers: ['John Doe', 'Foo bar'], tags: ['foo', 'bar'] }),
  l4b(`${RO}/20200102-adr-without-status.md`, 'ADR without status', 'unknown', '2020-01-02', { decisionMakers: ['John Doe'], tags: ['foo'] }),
  l4b(`${RO}/20200102-adr-without-title.md`, 'Adr without title', 'unknown', '2020-01-02', {
    decisionMakers: ['John Doe', 'Foo bar'],
    tags: ['foo', 'bar'],
    problems: ['missing-title'],
  }),
  l4b(`${RO}/20201028-adr-with-no-metadata-no-title.md`, 'Adr with no metadata no title', 'unknown', undefined, { problems: ['missing-title'] }),
  l4b(`${RO}/20201028-adr-with-no-metadata.md`, 'ADR with no metadata', 'unknown', undefined),
  l4b(`${RO}/20201028-adr-without-date.md`, 'ADR without date', 'accepted', undefined, { decisionMakers: ['John Doe', 'Foo bar'], tags: ['foo', 'bar'] }),
  // "Classic link: [..](..)" lines are links, not relations.
  l4b(`${RO}/20201028-links.md`, 'Links', 'unknown', '2020-10-28'),
  l4b(`${RO}/20201028-superseded-adr.md`, 'Superseded ADR', 'superseded', '2020-10-28', {
    relations: [{ kind: 'superseded-by', path: '20201029-superseder.md', id: '20201029-superseder' }],
  }),
  l4b(`${RO}/20201029-proposed-adr.md`, 'Proposed ADR', 'proposed', '2020-10-29'),
  l4b(`${RO}/20201029-rejected-adr.md`, 'Rejected ADR', 'rejected', '2020-10-29'),
  l4b(`${RO}/20201029-superseder.md`, 'Superseder', 'accepted', '2020-10-29', {
    relations: [{ kind: 'supersedes', path: '20201028-superseded-adr.md', id: '20201028-superseded-adr' }],
  }),
  l4b(`${RO}/20201030-draft-adr.md`, 'Draft ADR', 'draft', '2020-10-30'),
  l4b(`${RO}/adr_with_a_WeIrd-filename.md`, 'ADR with a weird filename', 'accepted', '2020-01-02'),
  l4b(`${RO_P1}/20200101-first-adr.md`, 'First ADR (in package 1)', 'accepted', '2020-01-01', {
    decisionMakers: ['John Doe', 'Foo bar'],
    tags: ['foo', 'bar'],
  }),
  l4b(`${RO_P1}/20201028-adr-without-date.md`, 'ADR without date (in package 1)', 'accepted', undefined, {
    decisionMakers: ['John Doe', 'Foo bar'],
    tags: ['foo', 'bar'],
  }),
  l4b(`${RO_P1}/20201028-links-in-package.md`, 'Links in package', 'unknown', '2020-10-28', {
    relations: [{ kind: 'relates-to', path: '20201028-links-to-global.md', title: 'package1/20201028-links-to-global' }],
  }),
  l4b(`${RO_P1}/20201028-links-to-global.md`, 'Links to global', 'unknown', '2020-10-28', {
    relations: [{ kind: 'relates-to', path: '../../docs/adr/20201028-links.md', id: '20201028-links' }],
  }),
  l4b(`${RO_P2}/20201028-links-to-another-package.md`, 'Links to another package', 'unknown', '2020-10-28'),

  // home-assistant: Nygard style, numbers written as `0009.` in later headings.
  nygard(`${HA}/0001-record-architecture-decisions.md`, 1, 'Record architecture decisions', '2019-05-13'),
  nygard(`${HA}/0002-minimum-supported-python-version.md`, 2, 'Minimum supported Python version', '2019-05-13', {
    status: 'superseded',
    statusText: 'Superseded by ADR-0020',
    relations: [{ kind: 'superseded-by', path: './0020-minimum-supported-python-version.md', id: 'ADR-0020' }],
  }),
  nygard(`${HA}/0003-monitor-condition-and-data-selectors.md`, 3, 'Monitor condition and data selectors', '2019-05-23'),
  nygard(`${HA}/0004-webscraping.md`, 4, 'Webscraping', '2019-06-27'),
  nygard(`${HA}/0005-code-formatting.md`, 5, 'Code Formatting', '2019-07-07'),
  nygard(`${HA}/0006-docker-images.md`, 6, 'Docker images', '2019-07-19'),
  nygard(`${HA}/0007-integration-config-yaml-structure.md`, 7, 'Config YAML structure for integrations', '2020-04-05'),
  nygard(`${HA}/0008-code-owners.md`, 8, 'Code owners', '2019-09-18'),
  nygard(`${HA}/0009-translations-2.0.md`, 9, 'Translations 2.0', '2020-04-08'),
  nygard(`${HA}/0010-integration-configuration.md`, 10, 'Integration configuration', '2020-04-14'),
  nygard(`${HA}/0011-discovery-requires-unique-id.md`, 11, 'Discovery Requires Unique ID', '2020-04-27'),
  nygard(`${HA}/0012-define-supported-installation-method.md`, 12, 'Define supported installation method', '2020-06-03'),
  nygard(`${HA}/0013-home-assistant-container.md`, 13, 'Installation method: Home Assistant Container', '2020-06-03'),
  // "Reverted by [discussion #1198](https://...)": no longer in effect, and an external link is no relation.
  nygard(`${HA}/0014-home-assistant-supervised.md`, 14, 'Installation method: Home Assistant Supervised', '2020-06-03', {
    status: 'deprecated',
    statusText: 'Reverted by discussion #1198.',
  }),
  nygard(`${HA}/0015-home-assistant-os.md`, 15, 'Installation method: Home Assistant OS', '2020-06-08'),
  nygard(`${HA}/0016-home-assistant-core.md`, 16, 'Installation method: Home Assistant Core', '2020-07-01', {
    status: 'deprecated',
    statusText: 'Reverted by discussion #1197.',
  }),
  nygard(`${HA}/0017-hardware-screening-os.md`, 17, 'Hardware screening for OS', '2021-08-03'),
  nygard(`${HA}/0018-supported-databases.md`, 18, 'Supported databases', '2021-10-20'),
  nygard(`${HA}/0019-GPIO.md`, 19, 'GPIO', '2021-12-20'),
  nygard(`${HA}/0020-minimum-supported-python-version.md`, 20, 'Minimum supported Python version', '2023-05-29', {
    relations: [{ kind: 'supersedes', path: './0002-minimum-supported-python-version.md', id: 'ADR-0002' }],
  }),
  nygard(`${HA}/0021-YAML-integration-configuration-deprecation-policy.md`, 21, 'YAML integration configuration deprecation policy', '2023-06-15'),
  nygard(`${HA}/0022-integration-quality-scale.md`, 22, 'Integration quality scale', '2024-11-20'),
  // The project's blank record: a template with placeholders, read as written.
  {
    file: 'home-assistant/EMPTY-ADR.md',
    format: 'nygard',
    slug: 'EMPTY-ADR',
    title: '<ADR NUMBER>. <ADR TITLE>',
    status: 'accepted',
    date: 'YYYY-MM-DD',
    problems: ['date-unrecognised'],
  },

  // A single-file decision log.
  {
    file: 'decision-log/DECISIONS.md',
    entry: 0,
    format: 'decision-log',
    number: 1,
    numberText: '1',
    title: 'Use webhooks instead of polling for the partner API',
    status: 'accepted',
    statusText: 'Accepted',
    date: '2026-02-15',
    decisionMakers: ['PM and tech lead jointly'],
  },
  {
    file: 'decision-log/DECISIONS.md',
    entry: 1,
    format: 'decision-log',
    number: 2,
    numberText: '2',
    title: 'Ship a manual refund workaround for the largest customer first',
    status: 'accepted',
    date: '2026-03-02',
    decisionMakers: ["PM, with the tech lead's risk assessment"],
  },
  {
    file: 'decision-log/DECISIONS.md',
    entry: 2,
    format: 'decision-log',
    number: 3,
    numberText: '3',
    title: 'Keep 20% of each sprint for technical initiatives',
    status: 'accepted',
    date: '2026-03-20',
    decisionMakers: ['Engineering manager and PM'],
  },
  {
    file: 'decision-log/DECISIONS.md',
    entry: 3,
    format: 'decision-log',
    number: 4,
    numberText: '4',
    title: 'Poll the partner API as a fallback when webhooks stop',
    status: 'proposed',
    statusText: 'Proposed',
    date: '2026-04-11',
    decisionMakers: ['Tech lead'],
    relations: [{ kind: 'amends', title: 'Use webhooks instead of polling for the partner API' }],
  },

  // winery (MADR 2.x, `.adr-dir` + `.adr-type madr`): most records state no status.
  rec(`${WINERY}/0021-use-logback-for-logging.md`, 'madr2', 21, 'Use logback for logging', 'accepted', { statusText: 'Accepted', date: '2018-06-04' }),
  rec(`${WINERY}/0025-use-same-logback-test-xml-for-each-sub-project.md`, 'madr4', 25, 'Use same logback-test.xml for each sub project', 'unknown', {
    titleMarkdown: 'Use same `logback-test.xml` for each sub project',
  }),
  rec(`${WINERY}/0026-store-license-and-readme-in-entity-root-folder-in-csar.md`, 'madr4', 26, "Store LICENSE and README.md in respective entity's root folder in a CSAR", 'unknown', {
    titleMarkdown: "Store `LICENSE` and `README.md` in respective entity's root folder in a CSAR",
  }),
  // Two records numbered 0028 and two numbered 0030; `[accepted ]` keeps its brackets and space as written.
  rec(`${WINERY}/0028-semantics-in-the-model.md`, 'madr2', 28, 'Semantics in the Model', 'accepted', {
    statusText: '[accepted ]',
    date: '2018-02-07',
    decisionMakers: ['Karoline Saatkamp', 'Lukas Harznetter'],
  }),
  rec(`${WINERY}/0028-use-hardcoded-namespaces-for-threat-modeling.md`, 'madr4', 28, 'Use hardcoded namespaces for threat modeling', 'unknown'),
  rec(`${WINERY}/0029-IPSec-algorithm-application.md`, 'madr2', 29, 'IPSec Algorithm Implementation', 'accepted', {
    statusText: '[accepted ]',
    date: '2019-02-07',
    decisionMakers: ['Lukas Harzenetter'],
  }),
  // No H1: the first line is `## Context and Problem Statement`.
  rec(`${WINERY}/0030-deployable-docker-components.md`, 'madr4', 30, 'Deployable docker components', 'unknown', { problems: ['missing-title'] }),
  rec(`${WINERY}/0030-multiple-repositories.md`, 'madr2', 30, 'Support of multiple repositories', 'proposed', {
    statusText: 'pending',
    date: '2019-04-18',
    decisionMakers: ['Lukas Harzenetter', 'Sascha Zeller'],
  }),
  // A 13-line HTML licence comment before the H1 on line 16.
  rec(`${WINERY}/0031-reuse-refinement-code-for-pattern-detection.md`, 'madr4', 31, 'Reuse the pattern refinement implementation for pattern detection', 'unknown'),

  // neon: design RFCs without status lines; Setext titles, prose starts, empty and placeholder H1s.
  rec(`${NEON}/001-cluster-size-limits.md`, 'unknown', 1, 'Cluster size limits', 'unknown'),
  rec(`${NEON}/004-durability.md`, 'unknown', 4, 'Durability & Consensus', 'unknown'),
  // Starts with a Setext H2 (`How it works now` + `----`): no title, the file name gives one.
  rec(`${NEON}/007-serverless-on-laptop.md`, 'unknown', 7, 'Serverless on laptop', 'unknown', { problems: ['missing-title'] }),
  // Starts with prose; its first heading is `#### 1. Start empty pageserver.`, a step, not the title.
  rec(`${NEON}/009-snapshot-first-storage-cli.md`, 'unknown', 9, 'Snapshot first storage cli', 'unknown', { problems: ['missing-title'] }),
  rec(`${NEON}/009-snapshot-first-storage.md`, 'unknown', 9, 'Snapshot-first storage architecture', 'unknown'),
  rec(`${NEON}/017-timeline-data-management.md`, 'unknown', 17, 'Name', 'unknown'),
  rec(`${NEON}/021-metering.md`, 'unknown', 21, 'Consumption tracking', 'unknown'),
  rec(`${NEON}/035-safekeeper-dynamic-membership-change.md`, 'unknown', 35, 'Safekeeper dynamic membership change', 'unknown'),
  rec(`${NEON}/035-timeline-archive.md`, 'unknown', 35, 'Timeline Archival', 'unknown'),
  // `# ` with nothing after it, then `Created on Aug 2024`.
  rec(`${NEON}/041-sharded-ingest.md`, 'madr4', 41, 'Sharded ingest', 'unknown', { problems: ['missing-title'] }),
  // Starts with a blank line and `## Summary`; its first H1 (line 83) is a section.
  {
    file: `${NEON}/2025-02-14-storage-controller.md`,
    format: 'log4brains',
    slug: '2025-02-14-storage-controller',
    title: 'Storage controller',
    status: 'unknown',
    problems: ['missing-title'],
  },

  // pigweed SEEDs: reStructuredText with a `.. seed::` directive.
  rec(`${SEED}/0001.rst`, 'unknown', 1, 'The SEED Process', 'accepted', { statusText: 'Accepted', date: '2022-10-31', decisionMakers: ['The Pigweed Team'] }),
  rec(`${SEED}/0002.rst`, 'unknown', 2, 'SEED Template', 'proposed', { statusText: 'Open for Comments', date: '2022-11-30', decisionMakers: ['The Pigweed Team'] }),
  rec(`${SEED}/0124.rst`, 'unknown', 124, 'Interfaces for Retrieving Size Information from Multisink', 'proposed', {
    statusText: 'open_for_comments',
    date: '2024-01-22',
    decisionMakers: ['Jiacheng Lu'],
  }),
  rec(`${SEED}/0128.rst`, 'unknown', 128, 'Abstracting Thread Creation', 'accepted', { statusText: 'Accepted', date: '2024-04-25', decisionMakers: ['Wyatt Hepler'] }),
  rec(`${SEED}/0133.rst`, 'unknown', 133, 'pw_wakelock', 'rejected', {
    statusText: 'Rejected',
    date: '2025-01-31',
    decisionMakers: ['Jiaming (Charlie) Wang', 'Ben Lawson'],
  }),

  // ingot: `# ADR-0002: Title` and `# RFC-0006: Title`, bold statuses, amend relations.
  rec(`${INGOT}/docs/adr/0002-compiler-not-runtime.md`, 'log4brains', 2, 'Build a compiler, not a runtime', 'accepted', { prefix: 'ADR', statusText: 'Accepted', date: '2026-08-06' }),
  // Partly superseded by an RFC: still accepted, and no relation (the link is on the next line).
  rec(`${INGOT}/docs/adr/0005-mcp-over-stdio-only.md`, 'log4brains', 5, 'MCP over stdio only, in a separate crate', 'accepted', {
    prefix: 'ADR',
    statusText: 'Accepted; decision 1 superseded 2026-08-12 by',
    date: '2026-08-07',
  }),
  rec(`${INGOT}/docs/adr/0006-a-policy-enforcing-runner.md`, 'log4brains', 6, 'A policy-enforcing runner is in scope; a general runtime is not', 'accepted', {
    prefix: 'ADR',
    statusText: 'Accepted, amended',
    date: '2026-08-07',
    relations: [
      { kind: 'amends', path: '0002-compiler-not-runtime.md', id: 'ADR-0002' },
      { kind: 'amended-by', path: '0007-containing-the-run-is-not-blocked-on-a-second-backend.md', id: 'ADR-0007' },
      { kind: 'amended-by', path: '0007-containing-the-run-is-not-blocked-on-a-second-backend.md', id: 'ADR-0007' },
    ],
  }),
  // `- Status: **Accepted**`: the emphasis is not part of the status.
  rec(`${INGOT}/rfcs/0006-a-second-backend.md`, 'log4brains', 6, 'A second backend, and the portability report', 'accepted', { prefix: 'RFC', statusText: 'Accepted', date: '2026-08-08' }),
  rec(`${INGOT}/rfcs/0023-a-fallback-you-can-write.md`, 'log4brains', 23, 'A fallback you can write, and one that can act', 'draft', {
    prefix: 'RFC',
    statusText: 'Draft',
    date: '2026-08-21',
    relations: [{ kind: 'relates-to', path: '../docs/gaps.md', id: 'GAP-046' }],
  }),
  // The gap register: `### GAP-009` headings, a bold one-line summary as the title, prose.
  { file: `${INGOT}/docs/gaps.md`, entry: 0, format: 'decision-log', number: 9, numberText: '009', prefix: 'GAP', title: 'MCP prompts, resources and sampling are unsupported', titleMarkdown: undefined, status: 'unknown' },
  {
    file: `${INGOT}/docs/gaps.md`,
    entry: 1,
    format: 'decision-log',
    number: 29,
    numberText: '029',
    prefix: 'GAP',
    title: 'An image cannot be verified by signature, so acquisition stays manual',
    status: 'unknown',
  },
  // Under `## Closed`: `**One model vendor.** *Closed in 0.3.0.*` on one line.
  { file: `${INGOT}/docs/gaps.md`, entry: 46, format: 'decision-log', number: 21, numberText: '021', prefix: 'GAP', title: 'One model vendor', status: 'unknown' },

  // cometbft: `# ADR 100: Title` and `## Status` sections with many status words.
  rec(`${COMET}/adr-100-data-companion-push-api.md`, 'nygard', 100, 'Data Companion Push API', 'rejected', { prefix: 'ADR', statusText: 'Rejected' }),
  rec(`${COMET}/adr-102-rpc-companion.md`, 'nygard', 102, 'RPC Companion', 'accepted', { prefix: 'ADR', statusText: 'Accepted' }),
  rec(`${COMET}/adr-105-refactor-mempool-senders.md`, 'nygard', 105, 'Refactor list of senders in mempool', 'deprecated', { prefix: 'ADR', statusText: 'Reverted' }),
  rec(`${COMET}/adr-110-remote-mempool.md`, 'nygard', 110, 'Remote mempool', 'rejected', { prefix: 'ADR', statusText: 'Rejected in favour of ADR 111' }),
  rec(`${COMET}/adr-112-proposer-based-timestamps.md`, 'nygard', 112, 'Proposer-Based Timestamps', 'accepted', { prefix: 'ADR', statusText: 'Accepted' }),
  rec(`${COMET}/tendermint-core/adr-006-trust-metric.md`, 'nygard', 6, 'Trust Metric Design', 'accepted', { prefix: 'ADR', statusText: 'Approved.' }),
  rec(`${COMET}/tendermint-core/adr-012-peer-transport.md`, 'nygard', 12, 'PeerTransport', 'proposed', { prefix: 'ADR', statusText: 'In Review.' }),
  rec(`${COMET}/tendermint-core/adr-019-multisigs.md`, 'nygard', 19, 'Encoding standard for Multisignatures', 'accepted', {
    prefix: 'ADR',
    statusText: 'Implemented (moved to cosmos-sdk)',
  }),
  // The heading says `# ADR 012: ABCI Events`; the file name (021) wins, with a warning.
  rec(`${COMET}/tendermint-core/adr-021-abci-events.md`, 'nygard', 21, 'ABCI Events', 'accepted', { prefix: 'ADR', statusText: 'Implemented', problems: ['number-mismatch'] }),
  rec(`${COMET}/tendermint-core/adr-023-ABCI-propose-tx.md`, 'nygard', 23, 'ABCI ProposeTx Method', 'proposed', {
    prefix: 'ADR',
    titleMarkdown: 'ABCI `ProposeTx` Method',
    statusText: 'Pending',
  }),
  rec(`${COMET}/tendermint-core/adr-024-sign-bytes.md`, 'nygard', 24, 'SignBytes and validator types in privval', 'accepted', { prefix: 'ADR', statusText: 'Partially Accepted' }),
  rec(`${COMET}/tendermint-core/adr-030-consensus-refactor.md`, 'nygard', 30, 'Consensus Refactor', 'draft', { prefix: 'ADR', statusText: 'Draft.' }),
  rec(`${COMET}/tendermint-core/adr-058-event-hashing.md`, 'nygard', 58, 'Event hashing', 'rejected', { prefix: 'ADR', statusText: 'Declined' }),
  rec(`${COMET_RFC}/tendermint-core/rfc-009-consensus-parameter-upgrades.md`, 'unknown', 9, 'Consensus Parameter Upgrade Considerations', 'unknown', { prefix: 'RFC' }),
  rec(`${COMET_RFC}/tendermint-core/rfc-013-abci++.md`, 'nygard', 13, 'ABCI++', 'proposed', { prefix: 'RFC', statusText: 'Proposed' }),
  // reStructuredText: `RFC 000: P2P Roadmap` between `====` lines.
  rec(`${COMET_RFC}/tendermint-core/rfc-000-p2p-roadmap.rst`, 'unknown', 0, 'P2P Roadmap', 'unknown'),

  // buildpacks RFCs: `# Meta`, the title in `- Name:`, status and `- Supersedes:` in the meta bullets.
  rec(`${BP}/0004-rfc-process.md`, 'log4brains', 4, 'RFC Process', 'superseded', { statusText: 'Superseded', date: '2019-04-09' }),
  rec(`${BP}/0032-update-json-cnb-registry.md`, 'log4brains', 32, 'Update JSON Structure of CNB Registry', 'accepted', {
    statusText: 'Implemented',
    date: '2020-03-19',
    relations: [{ kind: 'supersedes', path: 'text/0022-client-side-buildpack-registry.md', id: 'RFC-0022' }],
  }),
  // `- **Status:** Implemented`: keys in bold.
  rec(`${BP}/0035-buildpack-versions.md`, 'log4brains', 35, 'Semantic Version Formats for Buildpack Versions', 'accepted', { statusText: 'Implemented', date: '2020-03-11' }),
  // CRLF line ends.
  rec(`${BP}/0042-process-specific-env.md`, 'log4brains', 42, 'Process Specific Environment', 'accepted', { statusText: 'Implemented', date: '2020-04-03' }),
  // `- Supersedes: https://github.com/buildpacks/rfcs/blob/main/text/0022-….md`: a bare URL to a record.
  rec(`${BP}/0044-pack-publish-buildpack.md`, 'log4brains', 44, 'Pack Register Buildpack', 'accepted', {
    statusText: 'Implemented',
    date: '2020-04-27',
    relations: [{ kind: 'supersedes', path: 'text/0022-client-side-buildpack-registry.md' }],
  }),
  rec(`${BP}/0057-exec.d-shell-free-profile-d.md`, 'log4brains', 57, 'Exec.d - Shell-Free Profile.d', 'accepted', { statusText: 'Implemented', date: '2020-07-26' }),
  rec(`${BP}/0060-create-repo-issues.md`, 'log4brains', 60, 'Create Repo Issues', 'superseded', {
    statusText: 'Superseded',
    date: '2020-08-06',
    relations: [{ kind: 'supersedes', path: 'text/0004-rfc-process.md', title: '#04' }],
  }),
  rec(`${BP}/0073-offline-buildpackages.md`, 'log4brains', 73, 'Asset Cache', 'on-hold', { statusText: 'On Hold', date: '2020-04-27' }),
  // The RFC that introduced the field: its body's example `- Status:` lines are not its status.
  rec(`${BP}/0094-add-status-field.md`, 'log4brains', 94, 'Add Status to RFC Metadata', 'accepted', { statusText: 'Implemented', date: '2021-07-14' }),
  // `[RFC0069](…), [RFC#167](…/pull/167), many others`: the record link is a relation, the pull request is not.
  rec(`${BP}/0096-remove-stacks-mixins.md`, 'log4brains', 96, 'Remove Stacks & Mixins', 'accepted', {
    statusText: 'Approved',
    date: '2021-06-30',
    relations: [{ kind: 'supersedes', path: 'text/0069-stack-buildpacks.md', id: 'RFC0069' }],
  }),
  rec(`${BP}/0106-rfc-process.md`, 'log4brains', 106, 'RFC Process', 'accepted', {
    statusText: 'Implemented',
    date: '2021-05-10',
    relations: [{ kind: 'supersedes', path: '0004-rfc-process.md', id: 'RFC 0004' }],
  }),
  rec(`${BP}/0118-2023H1-roadmap.md`, 'log4brains', 118, '2023H1 Roadmap', 'accepted', { statusText: 'Approved', date: '2023-01-24' }),
];

/** Files in the corpus that are not decisions (index pages, READMEs, templates): the parser returns `[]`. */
export const NOT_DECISIONS: readonly string[] = [
  'log4brains/docs/adr/README.md',
  'log4brains/docs/adr/index.md',
  'log4brains/docs/adr/template.md',
  'log4brains/packages/core/integration-tests/ro-project/docs/adr/template.md',
  'madr/docs/decisions/adr-template.md',
  'madr/docs/decisions/index.md',
  'madr/template/adr-template.md',
  'madr/template/adr-template-minimal.md',
  'madr/template/adr-template-bare.md',
  'madr/template/adr-template-bare-minimal.md',
  'templates/locales/en/templates/decision-record-template-of-the-madr-project/index.md',
  'templates/locales/en/templates/decision-record-template-by-michael-nygard/index.md',
];
