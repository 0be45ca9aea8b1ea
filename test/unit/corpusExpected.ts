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
  readonly title: string;
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
    statusText: 'on hold',
    problems: ['status-unrecognised'],
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
