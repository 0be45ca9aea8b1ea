/**
 * The New Decision form, running in a webview. It talks to the extension host only through the
 * messages of `src/features/newDecision/protocol.ts`; all planning (file name, id, text,
 * validation) happens in the host, which answers every change with a preview.
 *
 * Text from the workspace (titles, paths, record text) is only ever set as `textContent` or as
 * element properties, never as HTML.
 *
 * Every label the form shows goes through `l10n.t` (`@vscode/l10n`): the host sends the
 * extension's translation bundle for VS Code's display language (`vscode.l10n.bundle`) in the
 * `init` message, and the form is rendered only after that. `npx @vscode/l10n-dev export` finds
 * these calls and writes them to `l10n/bundle.l10n.json` with the host's `vscode.l10n.t` strings.
 */
import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-form-group/index.js';
import '@vscode-elements/elements/dist/vscode-form-helper/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-divider/index.js';
import './style.css';
import type {
  DecisionOption,
  FieldMessage,
  FieldName,
  FormValues,
  FormatOption,
  HostMessage,
  Preview,
  TargetOption,
  WebviewMessage,
  WebviewState,
} from '../features/newDecision/protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): WebviewState | undefined;
  setState(state: WebviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** A form control of vscode-elements: they all have `value`, `invalid` and `disabled`. */
type Control = HTMLElement & { value: string; invalid: boolean; disabled?: boolean };
type Select = Control & { options: { label: string; value: string; description?: string; selected?: boolean }[]; combobox: boolean };

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

/** Quiet time (ms) after typing before the host is asked for a new preview. */
const PREVIEW_DEBOUNCE_MS = 120;

let values: FormValues | undefined;
let defaults: FormValues | undefined;
let dirty = false;
let targets: readonly TargetOption[] = [];
let decisions: readonly DecisionOption[] = [];
let formats: readonly FormatOption[] = [];
let statuses: readonly string[] = [];
let preview: Preview | undefined;
let messages: readonly FieldMessage[] = [];
let seq = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let submitting = false;
/** Fields the user has left at least once: only they (and all, after a submit attempt) show errors. */
const touched = new Set<FieldName>();
let submitAttempted = false;

const controls = new Map<FieldName, Control>();
const messageSlots = new Map<FieldName, HTMLElement>();

// --- messages from the host ----------------------------------------------------------------------

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'init': {
      // The bundle is absent in English (the strings below are the English text).
      if (message.l10n) l10n.config({ contents: message.l10n });
      targets = message.targets;
      decisions = message.decisions;
      formats = message.formats;
      statuses = message.statuses;
      defaults = message.defaults;
      const saved = vscode.getState();
      // The webview's own state (the panel was hidden and shown again) wins over the host's values.
      const start = saved && message.values.relationTarget === '' ? saved.values : message.values;
      values = { ...message.values, ...start };
      dirty = saved ? saved.dirty : message.restored;
      render(message.restored && !saved);
      requestPreview(0);
      break;
    }
    case 'decisions':
      decisions = message.decisions;
      targets = message.targets;
      fillSelect('relationTarget' as FieldName, relationOptions(), values?.relationTarget ?? '');
      fillSelect('target', targetOptions(), values?.target ?? '');
      // Folders or records changed: the next number, the format or a message may have too.
      requestPreview(PREVIEW_DEBOUNCE_MS);
      break;
    case 'preview':
      if (message.seq !== seq) return;
      preview = message;
      messages = message.messages;
      showPreview();
      showMessages();
      break;
    case 'submitted':
      submitting = false;
      dirty = false;
      saveState();
      setStatusLine(`${l10n.t('Created {0} ({1}).', message.relativePath, message.display)}${message.note ? ' ' + message.note : ''}`);
      break;
    case 'submitFailed':
      submitting = false;
      submitAttempted = true;
      if (message.messages.length > 0) messages = message.messages;
      showMessages();
      updateSubmit();
      setStatusLine(attentionText() ?? message.message, true, attentionText() !== undefined);
      focusFirstError();
      // Bring the preview up to the values that were submitted.
      requestPreview(0);
      break;
  }
});

document.addEventListener('keydown', onKeyDown);
vscode.postMessage({ type: 'ready' });

// --- rendering -----------------------------------------------------------------------------------

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

function custom<T extends HTMLElement>(tag: string, props: Record<string, unknown> = {}, ...children: (Node | string)[]): T {
  const node = document.createElement(tag) as T;
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith('attr:')) node.setAttribute(key.slice(5), String(value));
    else (node as unknown as Record<string, unknown>)[key] = value;
  }
  node.append(...children);
  return node;
}

/** The label of each field, in the display language (read after the host's bundle is loaded). */
function fieldLabel(name: FieldName): string {
  switch (name) {
    case 'target': return l10n.t('Decision folder or log');
    case 'format': return l10n.t('Format');
    case 'title': return l10n.t('Title');
    case 'status': return l10n.t('Status');
    case 'date': return l10n.t('Date');
    case 'decisionMakers': return l10n.t('Decision makers');
    case 'consulted': return l10n.t('Consulted');
    case 'informed': return l10n.t('Informed');
    case 'context': return l10n.t('Context and problem statement');
    case 'consideredOptions': return l10n.t('Considered options');
    case 'chosenOption': return l10n.t('Chosen option');
    case 'decision': return l10n.t('Decision (and why)');
    case 'consequences': return l10n.t('Consequences and trade-offs');
    case 'relation': return l10n.t('Supersedes or amends');
    case 'tags': return l10n.t('Tags');
    case 'appliesTo': return l10n.t('Applies to');
    default: return String(name);
  }
}

/** A labelled field: label, control, hint and an inline message slot. */
function field(name: FieldName, control: HTMLElement, hint?: string, required = false): HTMLElement {
  const id = `field-${name}`;
  control.id = id;
  const slot = el('div', { className: 'message', id: `${id}-message` });
  slot.setAttribute('role', 'status');
  slot.setAttribute('aria-live', 'polite');
  messageSlots.set(name, slot);
  control.setAttribute('aria-describedby', `${id}-message${hint ? ` ${id}-hint` : ''}`);
  const label = custom('vscode-label', { htmlFor: id, required, 'attr:for': id }, fieldLabel(name));
  const group = custom('vscode-form-group', { 'attr:variant': 'vertical', className: `field field-${name}` }, label, control);
  if (hint) group.append(custom('vscode-form-helper', { id: `${id}-hint` }, hint));
  group.append(slot);
  return group;
}

/**
 * A text field. Required fields are marked on their label only: a `required` control is shown in
 * error colours while empty, before the user did anything.
 */
function textfield(name: keyof FormValues & FieldName, placeholder = ''): Control {
  const control = custom<Control>('vscode-textfield', { placeholder, label: fieldLabel(name) });
  control.value = String(values?.[name] ?? '');
  control.addEventListener('input', () => update({ [name]: control.value } as Partial<FormValues>));
  control.addEventListener('focusout', () => touch(name));
  controls.set(name, control);
  return control;
}

function textarea(name: keyof FormValues & FieldName, placeholder = '', rows = 4): Control {
  const control = custom<Control>('vscode-textarea', { placeholder, label: fieldLabel(name), rows, resize: 'vertical' });
  control.value = String(values?.[name] ?? '');
  control.addEventListener('input', () => update({ [name]: control.value } as Partial<FormValues>));
  control.addEventListener('focusout', () => touch(name));
  controls.set(name, control);
  return control;
}

function select(name: FieldName, options: Select['options'], value: string, onChange: (value: string) => void, combobox = false): Select {
  const control = custom<Select>('vscode-single-select', { label: fieldLabel(name) });
  if (combobox) {
    control.setAttribute('combobox', '');
    control.setAttribute('filter', 'contains');
  }
  control.append(...optionElements(options, value));
  control.addEventListener('change', () => onChange(control.value));
  control.addEventListener('focusout', () => touch(name));
  controls.set(name, control);
  return control;
}

/** `<vscode-option>` children of a select (the element reads its options from them). */
function optionElements(options: Select['options'], value: string): HTMLElement[] {
  return options.map((o) => {
    const option = custom<HTMLElement>('vscode-option', { value: o.value, description: o.description ?? '' }, o.label);
    option.setAttribute('value', o.value);
    if (o.value === value) option.setAttribute('selected', '');
    return option;
  });
}

function fillSelect(name: FieldName, options: Select['options'], value: string): void {
  const control = controls.get(name) as Select | undefined;
  if (!control) return;
  control.replaceChildren(...optionElements(options, value));
}

function targetOptions(): Select['options'] {
  return targets.map((t) => ({ label: t.label, value: t.id, description: t.kind === 'log' ? l10n.t('decision log · {0}', t.prefix) : l10n.t('folder · {0}', t.prefix) }));
}

function relationOptions(): Select['options'] {
  return [{ label: l10n.t('(choose a decision)'), value: '' }, ...decisions.map((d) => ({ label: d.label, value: d.id, description: d.description }))];
}

function chosenOptions(): Select['options'] {
  const options = (values?.options ?? []).map((o) => o.trim()).filter((o) => o !== '');
  const list = [{ label: l10n.t('(none)'), value: '' }, ...options.map((o) => ({ label: o, value: o }))];
  const current = values?.chosenOption ?? '';
  if (current !== '' && !options.includes(current)) list.push({ label: current, value: current });
  return list;
}

function formatDescription(): string {
  const target = targets.find((t) => t.id === values?.target);
  return target ? l10n.t('Detected for {0}: {1} ({2}).', target.label, formats.find((f) => f.id === target.format)?.label ?? target.format, target.formatReason) : '';
}

function render(restored: boolean): void {
  if (!values) return;
  controls.clear();
  messageSlots.clear();
  app.replaceChildren();
  app.setAttribute('aria-busy', 'false');

  const header = el('header', {}, el('h1', {}, l10n.t('New Decision')));
  app.append(header);
  if (restored) {
    const startOver = custom<HTMLElement>('vscode-button', { secondary: true, 'attr:type': 'button' }, l10n.t('Start Over'));
    startOver.addEventListener('click', () => {
      if (!defaults) return;
      values = { ...defaults };
      dirty = false;
      touched.clear();
      submitAttempted = false;
      saveState();
      render(false);
      requestPreview(0);
    });
    app.append(el('div', { className: 'banner', role: 'status' }, el('span', { className: 'codicon codicon-history' }), el('span', {}, l10n.t('Your unsaved draft was restored.')), startOver));
  }

  const form = el('form', { className: 'form', noValidate: true });
  // Enter in a field never submits (it picks an option, adds a row, ends a line); Ctrl+Enter and
  // the button do.
  form.addEventListener('submit', (e) => e.preventDefault());

  const where = el('fieldset', {}, el('legend', {}, l10n.t('Where')));
  const formatHelp = el('div', { className: 'hint', id: 'format-detected' }, formatDescription());
  where.append(
    field('target', select('target', targetOptions(), values.target, (v) => {
      const target = targets.find((t) => t.id === v);
      update({ target: v, format: target?.format ?? values?.format ?? 'nygard' });
      fillSelect('format', formats.map((f) => ({ label: f.label, value: f.id })), values?.format ?? '');
      formatHelp.textContent = formatDescription();
    })),
    field('format', select('format', formats.map((f) => ({ label: f.label, value: f.id })), values.format, (v) => update({ format: v as FormValues['format'] }))),
    formatHelp,
  );

  const what = el('fieldset', {}, el('legend', {}, l10n.t('Decision')));
  const row = el('div', { className: 'row' });
  row.append(
    field('status', select('status', statuses.map((s) => ({ label: s, value: s })), values.status, (v) => update({ status: v }))),
    field('date', textfield('date', l10n.t('YYYY-MM-DD'))),
  );
  what.append(field('title', textfield('title', l10n.t('Use webhooks instead of polling')), undefined, true), row);

  const people = el('fieldset', {}, el('legend', {}, l10n.t('People')));
  people.append(
    field('decisionMakers', textfield('decisionMakers', l10n.t('Ann Lee, Bob Smith')), l10n.t('Comma-separated names.')),
    field('consulted', textfield('consulted')),
    field('informed', textfield('informed')),
  );

  const reasoning = el('fieldset', {}, el('legend', {}, l10n.t('Reasoning')));
  reasoning.append(
    field('context', textarea('context', l10n.t('What is the issue that motivates this decision?'))),
    optionsField(),
    field('chosenOption', select('chosenOption', chosenOptions(), values.chosenOption, (v) => update({ chosenOption: v }))),
    field('decision', textarea('decision', l10n.t('The change we propose or agreed to, and why.'))),
    field('consequences', textarea('consequences', l10n.t('What becomes easier or harder because of this decision?'))),
  );

  const links = el('fieldset', {}, el('legend', {}, l10n.t('Links')));
  const relationKind = select(
    'relation',
    [
      { label: l10n.t('None'), value: '' },
      { label: l10n.t('Supersedes'), value: 'supersedes' },
      { label: l10n.t('Amends'), value: 'amends' },
    ],
    values.relationKind,
    (v) => {
      update({ relationKind: v as FormValues['relationKind'] });
      relationTarget.disabled = v === '';
    },
  );
  const relationTarget = select('relationTarget' as FieldName, relationOptions(), values.relationTarget, (v) => update({ relationTarget: v }), true);
  relationTarget.id = 'field-relationTarget';
  relationTarget.setAttribute('aria-label', l10n.t('Decision superseded or amended (type to search)'));
  relationTarget.disabled = values.relationKind === '';
  const relationGroup = field('relation', relationKind);
  relationGroup.insertBefore(relationTarget, relationGroup.querySelector('.message'));
  links.append(
    relationGroup,
    field('tags', textfield('tags', 'api, security'), l10n.t('Separated by commas or spaces.')),
    field('appliesTo', textarea('appliesTo', 'src/partner/**', 2), l10n.t('Globs of the code this decision governs, relative to the workspace folder; one per line.')),
  );

  form.append(where, what, people, reasoning, links);

  const submitButton = custom<HTMLElement>('vscode-button', { id: 'submit', 'attr:type': 'button' }, l10n.t('Create'));
  submitButton.addEventListener('click', () => submit());
  const cancel = custom<HTMLElement>('vscode-button', { id: 'cancel', secondary: true, 'attr:type': 'button' }, l10n.t('Cancel'));
  cancel.addEventListener('click', () => vscode.postMessage({ type: 'cancel', dirty: dirty && hasInput() }));
  const status = el('div', { id: 'status-line', className: 'status-line' });
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  const actions = el('div', { className: 'actions' }, submitButton, cancel, status);

  const previewBox = el(
    'section',
    { className: 'preview', id: 'preview' },
    el('h2', {}, l10n.t('Preview')),
    el('div', { className: 'preview-meta' }, el('span', { className: 'codicon codicon-file' }), el('code', { id: 'preview-path' }), el('span', { id: 'preview-id', className: 'badge' })),
    el('div', { id: 'preview-note', className: 'hint' }),
    el('pre', { id: 'preview-text', tabIndex: 0 }),
  );
  previewBox.setAttribute('aria-label', l10n.t('Preview of the record'));

  app.append(el('div', { className: 'layout' }, el('div', { className: 'left' }, form, actions), previewBox));
  showPreview();
  showMessages();
}

function onKeyDown(e: KeyboardEvent): void {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    submit();
  }
}

/** The list of considered options: one text field per option, with move up/down and remove. */
function optionsField(): HTMLElement {
  const list = el('div', { className: 'options', id: 'options-list' });
  list.setAttribute('role', 'list');
  const add = custom<HTMLElement>('vscode-button', { secondary: true, icon: 'add', id: 'add-option', 'attr:type': 'button' }, l10n.t('Add Option'));
  const rerender = (focusIndex?: number, focusPart = 'input'): void => {
    list.replaceChildren();
    const options = values?.options ?? [];
    options.forEach((option, i) => {
      const input = custom<Control>('vscode-textfield', { value: option, label: l10n.t('Option {0}', i + 1), placeholder: l10n.t('Option {0}', i + 1) });
      input.className = 'option-input';
      input.addEventListener('input', () => {
        const next = [...(values?.options ?? [])];
        next[i] = input.value;
        update({ options: next });
        fillSelect('chosenOption', chosenOptions(), values?.chosenOption ?? '');
      });
      input.addEventListener('keydown', (e: KeyboardEvent) => {
        if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
          // Enter in an option adds the next one, as in most list editors.
          e.preventDefault();
          addOption(i + 1);
        }
      });
      const up = iconButton('arrow-up', l10n.t('Move option {0} up', i + 1), () => move(i, -1), i === 0);
      const down = iconButton('arrow-down', l10n.t('Move option {0} down', i + 1), () => move(i, 1), i === options.length - 1);
      const remove = iconButton('close', l10n.t('Remove option {0}', i + 1), () => {
        const next = [...(values?.options ?? [])];
        const [removed] = next.splice(i, 1);
        update({ options: next, chosenOption: values?.chosenOption === removed?.trim() ? '' : (values?.chosenOption ?? '') });
        fillSelect('chosenOption', chosenOptions(), values?.chosenOption ?? '');
        rerender(Math.min(i, next.length - 1));
      }, false);
      const rowEl = el('div', { className: 'option-row' }, input, up, down, remove);
      rowEl.setAttribute('role', 'listitem');
      list.append(rowEl);
      if (focusIndex === i) {
        // Keep the focus on the button that moved the option while it can move further.
        const canUp = i > 0;
        const canDown = i < options.length - 1;
        const target = focusPart === 'up' && canUp ? up : focusPart === 'down' && canDown ? down : focusPart === 'input' ? input : canUp ? up : canDown ? down : input;
        focusWhenRendered(target);
      }
    });
  };
  const move = (i: number, delta: number): void => {
    const next = [...(values?.options ?? [])];
    const j = i + delta;
    if (j < 0 || j >= next.length) return;
    [next[i], next[j]] = [next[j], next[i]];
    update({ options: next });
    rerender(j, delta < 0 ? 'up' : 'down');
  };
  const addOption = (at: number): void => {
    const next = [...(values?.options ?? [])];
    next.splice(at, 0, '');
    update({ options: next });
    rerender(at);
  };
  add.addEventListener('click', () => addOption(values?.options.length ?? 0));
  rerender();
  const group = field('consideredOptions', list, l10n.t('The choices you weighed; Enter in an option adds the next one.'));
  group.insertBefore(add, group.querySelector('.message'));
  list.removeAttribute('aria-describedby');
  return group;
}

/** Focuses a vscode-elements control once it has rendered (its inner input exists only then). */
function focusWhenRendered(element: HTMLElement): void {
  const pending = (element as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  if (pending) void pending.then(() => element.focus());
  else requestAnimationFrame(() => element.focus());
}

function iconButton(icon: string, label: string, onClick: () => void, disabled: boolean): HTMLElement {
  const button = custom<HTMLElement>('vscode-button', { icon, secondary: true, disabled, className: 'icon-button', title: label, 'attr:type': 'button' });
  button.setAttribute('aria-label', label);
  button.addEventListener('click', onClick);
  return button;
}

// --- state -----------------------------------------------------------------------------------------

function update(patch: Partial<FormValues>): void {
  if (!values) return;
  values = { ...values, ...patch };
  dirty = true;
  saveState();
  requestPreview(PREVIEW_DEBOUNCE_MS);
}

function touch(name: FieldName): void {
  if (touched.has(name)) return;
  touched.add(name);
  showMessages();
}

function saveState(): void {
  if (values) vscode.setState({ values, dirty });
}

function hasInput(): boolean {
  if (!values || !defaults) return dirty;
  const keys: (keyof FormValues)[] = ['title', 'decisionMakers', 'consulted', 'informed', 'context', 'chosenOption', 'decision', 'consequences', 'relationTarget', 'tags'];
  return keys.some((k) => String(values?.[k]).trim() !== String(defaults?.[k]).trim()) || values.options.some((o) => o.trim() !== '');
}

function requestPreview(delay: number): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    if (!values) return;
    seq++;
    vscode.postMessage({ type: 'change', seq, values, dirty: dirty && hasInput() });
  }, delay);
}

function submit(): void {
  if (!values || submitting) return;
  submitAttempted = true;
  showMessages();
  const errors = messages.filter((m) => m.severity === 'error');
  if (errors.length > 0 && preview && preview.seq === seq && !timer) {
    setStatusLine(attentionText() ?? '', true, true);
    focusFirstError();
    return;
  }
  if (timer) {
    clearTimeout(timer);
    timer = undefined;
  }
  submitting = true;
  // Previews still on their way describe older values: drop them.
  seq++;
  updateSubmit();
  setStatusLine(l10n.t('Creating…'));
  vscode.postMessage({ type: 'submit', values });
}

// --- preview and messages ------------------------------------------------------------------------

function showPreview(): void {
  const path = document.getElementById('preview-path');
  const id = document.getElementById('preview-id');
  const text = document.getElementById('preview-text');
  const note = document.getElementById('preview-note');
  if (!path || !id || !text || !note) return;
  path.textContent = preview?.relativePath ?? '';
  id.textContent = preview?.display ?? '';
  text.textContent = preview?.text ?? '';
  note.textContent = preview?.note ?? '';
  updateSubmit();
}

function updateSubmit(): void {
  const button = document.getElementById('submit') as (HTMLElement & { disabled: boolean }) | null;
  if (!button) return;
  button.textContent = submitting ? l10n.t('Creating…') : (preview?.action ?? l10n.t('Create'));
  button.disabled = submitting;
}

function visible(m: FieldMessage): boolean {
  return m.severity === 'warning' || submitAttempted || touched.has(m.field);
}

function showMessages(): void {
  for (const [name, slot] of messageSlots) {
    const own = messages.filter((m) => m.field === name && visible(m));
    slot.replaceChildren(
      ...own.map((m) =>
        el('div', { className: `message-${m.severity}` }, el('span', { className: `codicon codicon-${m.severity === 'error' ? 'error' : 'warning'}` }), el('span', {}, m.message)),
      ),
    );
    const control = controls.get(name);
    if (control) control.invalid = own.some((m) => m.severity === 'error');
  }
  if (statusIsAttention) {
    const attention = attentionText();
    setStatusLine(attention ?? '', attention !== undefined, attention !== undefined);
  }
  const optionInputs = document.querySelectorAll<Control>('.option-input');
  const optionErrors = messages.some((m) => m.field === 'consideredOptions' && m.severity === 'error' && visible(m));
  optionInputs.forEach((input) => (input.invalid = optionErrors && input.value.trim() === ''));
}

/** "3 fields need attention…", or `undefined` when no field has an error. */
function attentionText(): string | undefined {
  const fields = new Set(messages.filter((m) => m.severity === 'error').map((m) => m.field));
  if (fields.size === 0) return undefined;
  return fields.size === 1
    ? l10n.t('One field needs attention before the record can be created.')
    : l10n.t('{0} fields need attention before the record can be created.', fields.size);
}

function focusFirstError(): void {
  const first = messages.find((m) => m.severity === 'error');
  if (!first) return;
  const control = first.field === 'consideredOptions' ? document.querySelector<HTMLElement>('.option-input') : controls.get(first.field);
  control?.focus();
}

/**
 * True while the status line shows {@link attentionText}: it then follows the field messages (the
 * count changes, and it clears once every field is fixed) instead of staying stale.
 */
let statusIsAttention = false;

function setStatusLine(text: string, error = false, attention = false): void {
  const line = document.getElementById('status-line');
  statusIsAttention = attention;
  if (!line) return;
  line.textContent = text;
  line.classList.toggle('error', error);
}
