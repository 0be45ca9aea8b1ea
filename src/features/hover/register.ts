import * as vscode from 'vscode';
import type { DecisionIndex, IndexedDecision, ResolvedCitation } from '../../core/index';
import { citationsAt } from '../../host/citationsAt';
import type { WorkspaceIndexer } from '../../host/indexer';
import { toRange, uriOf } from '../../host/paths';
import { safeMarkdown } from '../../core/render/safeMarkdown';
import { appendFileText, decisionName, statusLabel } from '../../host/presentation';
import { OPEN_DECISION, SHOW_CITATIONS } from '../commands/ids';
import { gitFactLines } from '../history/lines';

/** The only commands a decision hover may run (never `isTrusted = true`). */
export const HOVER_COMMANDS: readonly string[] = [OPEN_DECISION, SHOW_CITATIONS];

/** Longest piece of record text in a hover, in characters. */
const MAX_SECTION_CHARS = 400;

/**
 * Hover on a citation: the decision's id and title, status, date, decision makers, the decision
 * itself, its trade-offs or consequences (trimmed), a warning when it was superseded, and links
 * to open it or show its citations. Our own lines and links are in trusted parts where only
 * {@link HOVER_COMMANDS} are enabled; the record's text is rendered from its Markdown in a part
 * of its own that is not trusted, and cannot add HTML, images, command links or theme icons.
 */
export class DecisionHoverProvider implements vscode.HoverProvider {
  constructor(private readonly indexer: WorkspaceIndexer) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.ProviderResult<vscode.Hover> {
    // While a large workspace's records are still being read: the cited record, read now.
    const early = (): { value: vscode.Hover | undefined } | undefined => {
      const found = this.indexer.earlyCitationsAt(document, position);
      return found && { value: hoverOf(found.index, found.citations, () => undefined) };
    };
    return this.indexer.answerEarly(early, () => this.hoverAt(document, position, token));
  }

  private hoverAt(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    const citations = citationsAt(this.indexer, document, position);
    if (token.isCancellationRequested) return undefined;
    return hoverOf(this.indexer.index, citations, (d) => this.indexer.citationsOf(d).length);
  }
}

/**
 * The hover of the first of `citations`.
 * @param count how many places cite a decision; `undefined` while the workspace is still being read.
 */
function hoverOf(index: DecisionIndex, citations: readonly ResolvedCitation[], count: (d: IndexedDecision) => number | undefined): vscode.Hover | undefined {
  if (citations.length === 0) return undefined;
  const citation = citations[0];
  let md: vscode.MarkdownString[];
  if (citation.candidates !== undefined && citation.candidates.length > 1) md = ambiguousHover(index, citation, citation.candidates, count);
  else if (citation.decision && citation.moved === true) md = movedHover(index, citation.decision, count(citation.decision));
  else if (citation.decision) md = decisionHover(index, citation.decision, count(citation.decision));
  else if (citation.log !== undefined) md = [logHover(index, citation.log)];
  else md = [unknownHover(citation)];
  return new vscode.Hover(md, toRange(citation.range));
}

/**
 * Appends `ADR-0025 Use same \`logback-test.xml\` ...`: the title's code spans stay code spans
 * (their content cannot become a link or HTML inside one), everything else is plain text.
 */
function appendTitleMarkdown(md: vscode.MarkdownString, d: IndexedDecision): void {
  appendFileText(md, `${d.display} `);
  const title = d.titleMarkdown ?? d.title;
  const code = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g;
  let last = 0;
  for (let m = code.exec(title); m; m = code.exec(title)) {
    if (m.index > last) appendFileText(md, title.slice(last, m.index).replace(/[*_]/g, ''));
    const content = m[2].replace(/[\r\n]+/g, ' ');
    const fence = '`'.repeat(Math.max(1, ...[...content.matchAll(/`+/g)].map((x) => x[0].length + 1)));
    md.appendMarkdown(`${fence} ${content} ${fence}`);
    last = m.index + m[0].length;
  }
  if (last < title.length) appendFileText(md, title.slice(last).replace(/[*_]/g, ''));
}

/** A Markdown string for our own lines: only {@link HOVER_COMMANDS} may run, no HTML. */
function trustedPart(): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.supportHtml = false;
  md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
  return md;
}

/**
 * Builds the hover card of a decision (see {@link DecisionHoverProvider}) in three parts: a
 * trusted heading (title, status, date, decision makers, the successor with an open link), the
 * record's own text rendered from its Markdown in an untrusted part (no command links, no HTML,
 * no theme icons; see `safeMarkdown`), and a trusted line of our own command links.
 * @param citationCount how many places cite it (for the "N citations" link); `undefined` while
 *   the workspace is still being read (the line then says so).
 */
export function decisionHover(index: DecisionIndex, d: IndexedDecision, citationCount: number | undefined): vscode.MarkdownString[] {
  const md = trustedPart();

  md.appendMarkdown('#### ');
  // Code spans are kept; a title with a theme-icon look-alike (`$(`) is shown as plain text.
  if (d.titleMarkdown !== undefined && d.titleMarkdown.includes('`') && !d.titleMarkdown.includes('$(')) appendTitleMarkdown(md, d);
  else appendFileText(md, decisionName(d));
  md.appendMarkdown('\n\n');

  md.appendMarkdown(`**${escapeInline(vscode.l10n.t('Status'))}:** `);
  appendFileText(md, statusLabel(d));
  if (d.date) {
    md.appendMarkdown(` · **${escapeInline(vscode.l10n.t('Date'))}:** `);
    appendFileText(md, d.date);
  }
  if (d.decisionMakers.length > 0) {
    md.appendMarkdown(`  \n**${escapeInline(vscode.l10n.t('Decision makers'))}:** `);
    appendFileText(md, d.decisionMakers.join(', '));
  }
  md.appendMarkdown('\n\n');
  const fromGit = gitFactLines(d);
  if (fromGit.length > 0) {
    md.appendMarkdown('$(git-commit) ');
    fromGit.forEach((line, i) => {
      if (i > 0) md.appendMarkdown('  \n');
      appendFileText(md, line);
    });
    md.appendMarkdown('\n\n');
  }

  const successor = d.status.kind === 'superseded' || d.relations.some((r) => r.kind === 'superseded-by') ? index.successorOf(d) : undefined;
  if (d.status.kind === 'superseded' || successor) {
    md.appendMarkdown('$(warning) ');
    if (successor) {
      appendFileText(md, vscode.l10n.t('Superseded by {0}', decisionName(successor)));
      md.appendMarkdown(` ([${escapeInline(vscode.l10n.t('open'))}](${commandUri(OPEN_DECISION, successor)}))`);
    } else {
      appendFileText(md, vscode.l10n.t('This decision was superseded.'));
    }
    md.appendMarkdown('\n\n');
  } else if (d.status.kind === 'deprecated' || d.status.kind === 'rejected') {
    md.appendMarkdown('$(warning) ');
    appendFileText(md, d.status.kind === 'deprecated' ? vscode.l10n.t('This decision is deprecated.') : vscode.l10n.t('This decision was rejected.'));
    md.appendMarkdown('\n\n');
  }

  const parts = [md];
  const body = recordTextPart(d);
  if (body) parts.push(body);

  const n = citationCount;
  const links = trustedPart();
  links.appendMarkdown(`[$(go-to-file) ${escapeInline(vscode.l10n.t('Open {0}', d.display))}](${commandUri(OPEN_DECISION, d)})`);
  links.appendMarkdown(' · ');
  if (n === undefined) links.appendMarkdown(`$(sync~spin) ${escapeInline(vscode.l10n.t('citations are counted once the workspace is indexed'))}`);
  else {
    links.appendMarkdown(
      `[$(references) ${escapeInline(n === 1 ? vscode.l10n.t('1 citation') : vscode.l10n.t('{0} citations', n))}](${commandUri(SHOW_CITATIONS, d)})`,
    );
  }
  parts.push(links);
  return parts;
}

/**
 * The record's decision and its trade-offs or consequences, rendered from the record's Markdown
 * (code spans, emphasis, lists, http(s) and relative links) in a part of its own that is not
 * trusted: `isTrusted` false, no HTML, no theme icons, relative links resolved from the record.
 * @returns undefined when the record states neither.
 */
export function recordTextPart(d: IndexedDecision): vscode.MarkdownString | undefined {
  const sections: [string, string][] = [];
  if (d.sections.decision) sections.push([vscode.l10n.t('Decision'), d.sections.decision]);
  else if (d.sections.chosenOption) sections.push([vscode.l10n.t('Decision'), vscode.l10n.t('Chosen option: {0}', d.sections.chosenOption)]);
  if (d.sections.tradeOffs) sections.push([vscode.l10n.t('Trade-offs'), d.sections.tradeOffs]);
  else if (d.sections.consequences) sections.push([vscode.l10n.t('Consequences'), d.sections.consequences]);
  if (sections.length === 0) return undefined;
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.baseUri = uriOf(d.path);
  for (const [heading, text] of sections) {
    md.appendMarkdown(`**${escapeInline(heading)}:**\n\n`);
    md.appendMarkdown(safeMarkdown(text, { maxChars: MAX_SECTION_CHARS }));
    md.appendMarkdown('\n\n');
  }
  return md;
}

/**
 * The hover of a citation that two or more records share (`@ADR(28)`): a warning naming how many,
 * then each record's card, in path order.
 */
export function ambiguousHover(
  index: DecisionIndex,
  c: ResolvedCitation,
  candidates: readonly IndexedDecision[],
  citationCount: (d: IndexedDecision) => number | undefined,
): vscode.MarkdownString[] {
  const md = trustedPart();
  md.appendMarkdown('$(warning) ');
  appendFileText(md, vscode.l10n.t('{0} may mean any of {1} decision records; cite one by path.', c.text, candidates.length));
  md.appendMarkdown('\n\n');
  // Each card keeps its record text in its own untrusted part (see decisionHover).
  return [md, ...candidates.flatMap((d) => decisionHover(index, d, citationCount(d)))];
}

/** The hover of a path or URL that names a record's file in a folder it is no longer in: a note, then the card. */
function movedHover(index: DecisionIndex, d: IndexedDecision, citationCount: number | undefined): vscode.MarkdownString[] {
  const md = trustedPart();
  md.appendMarkdown('$(info) ');
  appendFileText(md, vscode.l10n.t('This path names an old place of the record; it is now {0}.', vscode.workspace.asRelativePath(d.path)));
  md.appendMarkdown('\n\n');
  return [md, ...decisionHover(index, d, citationCount)];
}

/** The hover of a path to a decision log that names no entry: the log and its entries. */
function logHover(index: DecisionIndex, log: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.supportHtml = false;
  md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
  const entries = index.recordsIn(log);
  md.appendMarkdown('#### ');
  appendFileText(md, vscode.l10n.t('Decision log {0}', log.slice(log.lastIndexOf('/') + 1)));
  md.appendMarkdown('\n\n');
  for (const d of entries.slice(0, 20)) {
    md.appendMarkdown(`- [${escapeInline(d.display)}](${commandUri(OPEN_DECISION, d)}) `);
    appendFileText(md, `${d.title} · ${statusLabel(d)}`);
    md.appendMarkdown('\n');
  }
  if (entries.length > 20) {
    md.appendMarkdown('- ');
    appendFileText(md, vscode.l10n.t('and {0} more', entries.length - 20));
    md.appendMarkdown('\n');
  }
  return md;
}

function unknownHover(c: ResolvedCitation): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.supportHtml = false;
  md.appendMarkdown('$(warning) ');
  appendFileText(
    md,
    c.external === true
      ? vscode.l10n.t('{0}: a decision record of another repository.', c.text)
      : vscode.l10n.t('{0}: no decision record with this id was found in the workspace.', c.text),
  );
  return md;
}

/** A `command:` URI with the decision's key, path and line as JSON arguments. */
function commandUri(command: string, d: IndexedDecision): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([d.key, d.path, d.range.start.line]))}`;
}

/** Escapes Markdown syntax in our own (localised) strings, which may contain any character. */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>$]/g, '\\$&');
}

/** Registers the hover provider for every file. */
export function registerHover(context: vscode.ExtensionContext, indexer: WorkspaceIndexer): void {
  context.subscriptions.push(vscode.languages.registerHoverProvider({ pattern: '**' }, new DecisionHoverProvider(indexer)));
}
