/**
 * The design review panel, running in a webview: one card per decision with its context, the
 * considered options side by side (pros, neutral points and cons), the chosen option, the
 * decision, trade-offs and consequences, who decides, how long it has been proposed, citations
 * and relations, and the Accept / Reject / Defer / Supersede... / Open buttons. It talks to the
 * host only through `src/features/review/protocol.ts`.
 *
 * Record text is rendered by `render.ts` (markdown-it without HTML, then DOMPurify) into nodes;
 * every other text from the workspace is set as `textContent`.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-divider/index.js';
import './style.css';
import type { Agenda, AgendaItem, AgendaOption } from '../../core/agenda';
import type { HostMessage, ReviewAction, ReviewLabels, WebviewMessage } from '../../features/review/protocol';
import { renderMarkdown } from './render';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

let busy = new Set<string>();
/** The last agenda shown, to skip re-rendering (and losing the focus) when nothing changed. */
let shown = '';
/** Whether edits are allowed (the workspace is trusted), as the last agenda said. */
let canEditNow = false;

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const m = event.data;
  if (m.type === 'agenda') {
    busy = new Set();
    vscode.setState(m.state);
    canEditNow = m.canEdit;
    const key = JSON.stringify([m.agenda, m.scope, m.canEdit, m.deferred]);
    if (key === shown) {
      for (const b of document.querySelectorAll<HTMLElement>('.actions vscode-button[data-action]')) if (b.dataset.edits !== 'true' || m.canEdit) b.removeAttribute('disabled');
      return;
    }
    shown = key;
    // Keep the keyboard focus on the same button of the same card across a re-render.
    const focused = document.activeElement?.closest<HTMLElement>('vscode-button[data-action]');
    const focusKey = focused?.closest<HTMLElement>('.card')?.dataset.key;
    const focusAction = focused?.dataset.action;
    render(m.agenda, m.scope, m.labels, m.canEdit, new Set(m.deferred));
    if (focusKey !== undefined) {
      const card = document.querySelector<HTMLElement>(`.card[data-key="${CSS.escape(focusKey)}"]`);
      (card?.querySelector<HTMLElement>(`vscode-button[data-action="${CSS.escape(focusAction ?? '')}"]`) ?? card?.querySelector<HTMLElement>('vscode-button'))?.focus();
    }
  } else if (m.type === 'actionDone') {
    busy.delete(m.key);
    for (const b of document.querySelectorAll<HTMLElement>(`[data-key="${CSS.escape(m.key)}"] vscode-button`)) if (b.dataset.edits !== 'true' || canEditNow) b.removeAttribute('disabled');
  }
});

// Links in record text: the host opens them (http(s) in the browser, relative ones in the editor).
document.addEventListener('click', (event) => {
  const a = (event.target as Element | null)?.closest('a');
  if (!a) return;
  event.preventDefault();
  const card = a.closest<HTMLElement>('.card');
  const href = a.getAttribute('href');
  if (card?.dataset.key && card.dataset.path && href) vscode.postMessage({ type: 'openLink', href, key: card.dataset.key, path: card.dataset.path });
});

vscode.postMessage({ type: 'ready' });

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

function custom(tag: string, attrs: Record<string, string | boolean> = {}, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false) continue;
    node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children);
  return node;
}

function icon(name: string): HTMLElement {
  return el('span', { className: `codicon codicon-${name}`, ariaHidden: 'true' });
}

function fill(template: string, n: number): string {
  return template.replace('{0}', String(n));
}

const STATUS_ICONS: Record<string, string> = {
  proposed: 'circle-large-outline',
  draft: 'edit',
  accepted: 'pass',
  rejected: 'circle-slash',
  deprecated: 'warning',
  superseded: 'arrow-circle-right',
  'not-implemented': 'circle-slash',
  'on-hold': 'debug-pause',
  unknown: 'question',
};

function render(agenda: Agenda, scope: string, labels: ReviewLabels, canEdit: boolean, deferred: ReadonlySet<string>): void {
  const copy = custom('vscode-button', { secondary: true, icon: 'copy', id: 'copy-markdown' }, labels.copyMarkdown);
  copy.addEventListener('click', () => vscode.postMessage({ type: 'copyMarkdown' }));
  const exportButton = custom('vscode-button', { secondary: true, icon: 'save', id: 'export-agenda', disabled: !canEdit }, labels.exportAgenda);
  exportButton.addEventListener('click', () => vscode.postMessage({ type: 'exportAgenda' }));
  const header = el(
    'header',
    { className: 'toolbar' },
    el('h1', {}, labels.title),
    el('span', { className: 'scope' }, `${scope} · ${fill(labels.summary, agenda.items.length)} · ${agenda.today}`),
    el('span', { className: 'spacer' }),
    copy,
    exportButton,
  );
  const children: Node[] = [header];
  if (!canEdit) children.push(el('div', { className: 'banner', role: 'status' }, icon('shield'), el('span', {}, labels.restricted)));
  if (agenda.items.length === 0) children.push(el('p', { className: 'empty' }, labels.empty));
  const list = el('div', { className: 'cards', role: 'list' });
  for (const item of agenda.items) list.append(card(item, labels, canEdit, deferred.has(item.key)));
  children.push(list);
  app.replaceChildren(...children);
  app.removeAttribute('aria-busy');
}

function card(item: AgendaItem, labels: ReviewLabels, canEdit: boolean, isDeferred: boolean): HTMLElement {
  const section = el('section', { className: `card status-${item.status.kind}` });
  section.setAttribute('role', 'listitem');
  section.dataset.key = item.key;
  section.dataset.path = item.path;
  section.setAttribute('aria-label', `${item.id} ${item.title}`);

  const title = el('h2', {}, el('span', { className: 'id' }, item.id), ' ');
  title.append(renderMarkdown(item.titleMarkdown, true));
  const status = el('span', { className: `status status-${item.status.kind}` }, icon(STATUS_ICONS[item.status.kind] ?? 'question'), ` ${item.status.kind}`);
  if (item.status.text && !item.status.text.toLowerCase().includes(item.status.kind.replace('-', ' '))) status.append(` (${item.status.text})`);
  const facts: Node[] = [status];
  const waiting = (item.status.kind === 'proposed' || item.status.kind === 'draft') && item.ageDays !== undefined;
  if (waiting) facts.push(el('span', { className: 'age' }, icon('watch'), ' ', item.ageDays === 1 ? labels.proposedForOne : fill(labels.proposedFor, item.ageDays ?? 0)));
  if (item.date) facts.push(el('span', {}, icon('calendar'), ` ${item.date}`));
  facts.push(el('span', { className: 'citations' }, icon('references'), ' ', item.citations === 1 ? labels.citedInOne : fill(labels.citedIn, item.citations)));
  facts.push(el('code', { className: 'path' }, item.path));
  if (isDeferred) facts.push(el('span', { className: 'deferred' }, icon('clock'), ` ${labels.deferred}`));

  section.append(title, el('div', { className: 'facts' }, ...facts));
  // Provenance and drift from git: plain text, marked "(git)" by the host.
  if (item.history && item.history.length > 0) section.append(el('ul', { className: 'history' }, ...item.history.map((h) => el('li', {}, icon('git-commit'), ` ${h}`))));

  const people: [string, readonly string[]][] = [
    [labels.decisionMakers, item.decisionMakers],
    [labels.consulted, item.consulted],
    [labels.informed, item.informed],
  ];
  const who = people.filter(([, names]) => names.length > 0);
  if (who.length > 0) {
    section.append(el('dl', { className: 'people' }, ...who.flatMap(([label, names]) => [el('dt', {}, label), el('dd', {}, names.join(', '))])));
  }

  if (item.context) section.append(block(labels.context, renderMarkdown(item.context)));
  if (item.options.length > 0) section.append(block(labels.consideredOptions, options(item.options, labels)));
  if (item.decision) section.append(block(labels.decision, renderMarkdown(item.decision)));
  else if (item.chosenOption) section.append(block(labels.chosenOption, document.createTextNode(item.chosenOption)));
  if (item.tradeOffs) section.append(block(labels.tradeOffs, renderMarkdown(item.tradeOffs)));
  if (item.consequences) section.append(block(labels.consequences, renderMarkdown(item.consequences)));
  if (item.relations.length > 0) {
    const ul = el('ul', { className: 'relations' });
    for (const r of item.relations) {
      const li = el('li', {}, `${r.verb} `, el('strong', {}, r.target));
      if (r.targetTitle) li.append(` ${r.targetTitle}`);
      if (!r.resolved) li.append(el('span', { className: 'unresolved' }, ` (${labels.notFound})`));
      ul.append(li);
    }
    section.append(block(labels.relations, ul));
  }

  const actions = el('div', { className: 'actions' });
  const button = (action: ReviewAction, label: string, codicon: string, secondary: boolean, edits: boolean): void => {
    const b = custom('vscode-button', { icon: codicon, secondary, disabled: (edits && !canEdit) || busy.has(item.key), 'data-action': action, 'data-edits': edits ? 'true' : 'false' }, label);
    b.addEventListener('click', () => {
      if (b.hasAttribute('disabled')) return;
      busy.add(item.key);
      for (const other of actions.querySelectorAll('vscode-button')) other.setAttribute('disabled', '');
      vscode.postMessage({ type: 'action', action, key: item.key, path: item.path });
    });
    actions.append(b);
  };
  const undecided = item.status.kind === 'proposed' || item.status.kind === 'draft' || item.status.kind === 'on-hold' || item.status.kind === 'unknown';
  if (item.status.kind !== 'accepted') button('accept', labels.accept, 'check', !undecided, true);
  if (item.status.kind !== 'rejected') button('reject', labels.reject, 'close', true, true);
  if (undecided && !isDeferred) button('defer', labels.defer, 'clock', true, false);
  if (item.status.kind !== 'superseded') button('supersede', labels.supersede, 'arrow-swap', true, true);
  button('open', labels.open, 'go-to-file', true, false);
  section.append(actions);
  return section;
}

function block(heading: string, content: Node): HTMLElement {
  return el('div', { className: 'block' }, el('h3', {}, heading), content);
}

/** The options side by side: one column per option, its arguments below its title. */
function options(list: readonly AgendaOption[], labels: ReviewLabels): HTMLElement {
  const grid = el('div', { className: 'options' });
  grid.style.setProperty('--columns', String(Math.min(list.length, 4)));
  for (const o of list) {
    const column = el('div', { className: o.chosen ? 'option chosen' : 'option' });
    const head = el('h4', {}, o.title);
    if (o.chosen) head.append(' ', custom('vscode-badge', { variant: 'counter' }, labels.chosen));
    column.append(head);
    if (o.description) column.append(el('div', { className: 'description' }, renderMarkdown(o.description)));
    const args = (items: readonly string[], kind: 'good' | 'neutral' | 'bad', label: string, codicon: string): void => {
      if (items.length === 0) return;
      const ul = el('ul', { className: `arguments ${kind}` });
      ul.setAttribute('aria-label', label);
      for (const a of items) ul.append(el('li', {}, icon(codicon), el('span', {}, renderMarkdown(a, true))));
      column.append(ul);
    };
    args(o.pros, 'good', labels.good, 'thumbsup');
    args(o.neutral, 'neutral', labels.neutral, 'circle-small');
    args(o.cons, 'bad', labels.bad, 'thumbsdown');
    grid.append(column);
  }
  return grid;
}
