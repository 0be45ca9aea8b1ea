// End-to-end helper: a real VS Code (code-server) with the packaged Decision Lens installed, on a
// temp copy of a fixture workspace, shown in headless Chromium; returns the Playwright page and
// helpers that drive the workbench the way a person does (palette, quick open, views, hovers).
//
// Tests run under tsx, which keeps function names with a `__name` helper that does not exist in
// the page: pass `page.evaluate` a string, or an arrow function with no named functions inside.
//
//   const workbench = await openWorkbench({ workspace: 'example' });
//   await workbench.openFile('src/server.ts', 10);
//   await workbench.screenshot('server');
//   await workbench.close();
import { mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import {
  copyWorkspace, extensionVsix, installExtensions, launchBrowser, makeRunDir, REPO_ROOT, startCodeServer, targetPath,
  waitForWorkbench, workbenchUrl,
} from '../harness/codeServer';
import type { BrowserSession, CodeServer, OpenTarget } from '../harness/codeServer';

/** Where screenshots go: `test-results/screenshots/<name>.png` under the repository. */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');

export interface WorkbenchOptions {
  /** Fixture workspace name (`test/fixtures/workspaces/<name>` or `.code-workspace`; `example` = `examples/workspace`). Default `example`. */
  workspace?: string;
  /** User settings for this session, over the harness defaults. */
  settings?: Record<string, unknown>;
  /** Browser viewport in CSS pixels; default 1400 × 900. */
  viewport?: { width: number; height: number };
  /** Packaged extension; default `$DECISION_LENS_VSIX`, else the repository is built and packaged once. */
  vsix?: string;
  /** More VSIX files to install beside it: a language pack, test-only helper extensions. */
  extraVsix?: readonly string[];
  /** VS Code's display language (code-server's `--locale`); needs a language pack for it in `extraVsix`. */
  locale?: string;
  /**
   * A folder URI to open instead of the copied workspace folder, e.g. `dltest:/example` served by
   * a helper extension's file system provider (a virtual workspace).
   */
  folderUri?: string;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The Mocha hooks of a suite that shares one workbench: opened with `options` before its tests,
 * a failing test's screenshot (`failed-<name>-<test title>.png`) and log tail, closed after.
 * Call it inside `describe`.
 * @returns the open workbench (call it inside a test); throws when it did not open.
 */
export function workbenchPerSuite(name: string, options: WorkbenchOptions): () => Workbench {
  let workbench: Workbench | undefined;
  before(async function () {
    workbench = await openWorkbench(options);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await workbench.screenshot(`failed-${name}-${this.currentTest.title}`);
      console.log(workbench.logTail(30));
    }
  });
  after(async function () {
    await workbench?.close();
  });
  return () => {
    if (!workbench) throw new Error('the workbench did not open');
    return workbench;
  };
}


/** How long to wait for a hover and, optionally, what it must show. */
export interface HoverOptions {
  /** Default 60 s. */
  timeoutMs?: number;
  /** Text or pattern the hover must show; the hover is asked again until it does. */
  contains?: RegExp | string;
}

function hoverOptions(options: number | HoverOptions): { timeoutMs: number; contains?: RegExp | string } {
  if (typeof options === 'number') return { timeoutMs: options };
  return { timeoutMs: options.timeoutMs ?? 60_000, ...(options.contains !== undefined ? { contains: options.contains } : {}) };
}

/** Escapes text for use inside a RegExp. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A workbench session. Close it in `after()`: it stops the browser and the server by pid. */
export class Workbench {
  private constructor(
    /** The Playwright page showing the workbench. */
    readonly page: Page,
    /** Absolute path of the temp copy of the workspace (folder or `.code-workspace` file). */
    readonly workspacePath: string,
    /** Absolute path of the temp copy of the workspace's first folder. */
    readonly folderPath: string,
    private readonly server: CodeServer,
    private readonly browser: BrowserSession,
    /** The per-session temp folder (server data, logs). */
    readonly runDir: string,
  ) {}

  /**
   * Starts code-server with the packaged extension on a temp copy of the workspace, opens it in
   * headless Chromium and waits for the workbench and the explorer. Retries the browser load
   * twice when the workbench does not render (a slow machine, never a test failure).
   * @throws Error with the server log tail when the workbench never renders
   */
  static async open(options: WorkbenchOptions = {}): Promise<Workbench> {
    const workspace = options.workspace ?? 'example';
    const runDir = makeRunDir('e2e');
    const target: OpenTarget = copyWorkspace(workspace, runDir);
    const extensionsDir = join(runDir, 'extensions');
    installExtensions(extensionsDir, join(runDir, 'install-user-data'), [options.vsix ?? extensionVsix(), ...(options.extraVsix ?? [])]);
    const server = await startCodeServer({
      runDir, extensionsDir, ...(options.settings ? { settings: options.settings } : {}), ...(options.locale ? { locale: options.locale } : {}),
    });
    const folderPath = 'folder' in target ? target.folder : join(runDir, 'workspace');
    let lastError: unknown;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const browser = await launchBrowser(options.viewport).catch(async (error: unknown) => {
        await server.stop();
        throw error;
      });
      try {
        const url = options.folderUri ? `${server.url}?folder=${encodeURIComponent(options.folderUri)}` : workbenchUrl(server, target);
        await browser.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
        await waitForWorkbench(browser.page, 120_000);
        const workbench = new Workbench(browser.page, targetPath(target), folderPath, server, browser, runDir);
        await workbench.waitForExplorer();
        console.log(`[e2e] workbench on ${targetPath(target)} (${server.url}, server pid ${server.pid}, browser pid ${browser.pid})`);
        return workbench;
      } catch (error) {
        lastError = error;
        console.log(`[e2e] the workbench did not load (attempt ${attempt}/3): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
        await browser.close();
      }
    }
    const tail = server.logTail(40);
    await server.stop();
    throw new Error(`the workbench did not load: ${String(lastError)}\n${tail}`);
  }

  /** Waits until the explorer lists the workspace's files (the remote file system answers). */
  async waitForExplorer(timeoutMs = 120_000): Promise<void> {
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** The quick input box (command palette / quick open) once it is open. */
  private quickInput(): Locator {
    return this.page.locator('.quick-input-widget input[type="text"], .quick-input-widget input.input').first();
  }

  /** Opens quick access with `text` typed in it (`>` runs commands, `:` goes to a line, nothing opens files). */
  private async quickAccess(text: string): Promise<Locator> {
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('F1');
      const input = this.quickInput();
      try {
        await input.waitFor({ state: 'visible', timeout: 10_000 });
        await input.fill(text);
        return input;
      } catch (error) {
        if (attempt >= 3) throw error;
        // The workbench had no keyboard focus yet: focus it and try again.
        await this.page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
      }
    }
  }

  /**
   * Types `text` into quick access and clicks the first row matching `row`. Entries contributed by
   * extensions appear only once the extension host has registered them, and file search needs its
   * index: when no row shows within a few seconds the picker is reopened, until `timeoutMs`.
   */
  private async pick(text: string, row: () => Locator, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.quickAccess(text);
      const target = row().first();
      try {
        await target.waitFor({ state: 'visible', timeout: Math.max(1000, Math.min(8000, deadline - Date.now())) });
      } catch (error) {
        if (Date.now() >= deadline) {
          const shown = await this.page.locator('.quick-input-list .monaco-list-row').allInnerTexts().catch(() => []);
          throw new Error(`no quick access entry for "${text}" within ${timeoutMs} ms; shown: ${shown.slice(0, 10).map((t) => t.replace(/\s+/g, ' ')).join(' | ') || 'nothing'}`, { cause: error });
        }
        continue;
      }
      await target.click();
      await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
      return;
    }
  }

  /** Rows of the open quick pick whose label is exactly `label`. */
  private quickPickRow(label: string): Locator {
    return this.page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) });
  }

  /**
   * Runs a command from the command palette by its label as the palette shows it, category
   * included, e.g. `Decision Lens: Refresh Decisions` or `View: Toggle Word Wrap`.
   * @throws when no palette entry has exactly that label within `timeoutMs`
   */
  async runCommand(label: string, timeoutMs = 60_000): Promise<void> {
    await this.pick(`>${label}`, () => this.quickPickRow(label), timeoutMs);
  }

  /**
   * Opens a workspace file by its path relative to the (first) workspace folder through quick open,
   * optionally at a 1-based line, and waits for its editor tab to be active.
   * @returns the active editor
   */
  async openFile(relativePath: string, line?: number, timeoutMs = 60_000): Promise<Locator> {
    const name = relativePath.split('/').pop() ?? relativePath;
    const dir = relativePath.includes('/') ? relativePath.slice(0, relativePath.lastIndexOf('/')) : '';
    await this.pick(relativePath, () => {
      const rows = this.page
        .locator('.quick-input-list .monaco-list-row')
        .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(name)}\\s*$`) }) });
      return dir ? rows.filter({ has: this.page.locator('.label-description', { hasText: new RegExp(`${escapeRegExp(dir)}\\s*$`) }) }) : rows;
    }, timeoutMs);
    await this.page.locator(`.tabs-container .tab.active[data-resource-name="${name}"], .tabs-container .tab.active:has-text("${name}")`).first()
      .waitFor({ state: 'visible', timeout: timeoutMs });
    const editor = this.activeEditor();
    await editor.waitFor({ state: 'visible', timeout: timeoutMs });
    if (line !== undefined) await this.goToLine(line);
    return editor;
  }

  /** The active text editor. */
  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor[data-uri]').first();
  }

  /** Moves the cursor of the active editor to a 1-based line and column. */
  async goToLine(line: number, column?: number): Promise<void> {
    await this.quickAccess(`:${line}${column !== undefined ? `:${column}` : ''}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
    await this.page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
  }

  /**
   * Shows the hover at a 1-based line and column of the active editor (as the keyboard command
   * "Show or Focus Hover" does) and returns it. With `contains`, asks again until the hover's text
   * matches (providers answer asynchronously; an index may still be building), else throws with
   * the last text seen.
   * @param options timeout in ms (default 60 s), or `{ timeoutMs, contains }`
   */
  async hover(line: number, column: number, options: number | HoverOptions = {}): Promise<Locator> {
    return this.retryHover(options, async () => {
      // Keep the mouse away from the editor, where it would open a hover of its own.
      await this.page.mouse.move(1, 1);
      await this.goToLine(line, column);
      await this.runCommand('Show or Focus Hover');
    }, `line ${line}, column ${column}`);
  }

  /**
   * Moves the mouse over the first occurrence of `text` in the visible lines of the active editor
   * and returns the hover; `contains` as for {@link hover}.
   */
  async hoverText(text: string, options: number | HoverOptions = {}): Promise<Locator> {
    const { timeoutMs } = hoverOptions(options);
    const token = this.activeEditor().locator('.view-line span', { hasText: text }).first();
    await token.waitFor({ state: 'visible', timeout: timeoutMs });
    return this.retryHover(options, async () => {
      // The editor re-renders its lines (CodeLens and decorations arriving): the locator finds the
      // new span after a moment.
      let box = await token.boundingBox();
      for (let i = 0; !box && i < 10; i++) {
        await this.page.waitForTimeout(200);
        box = await token.boundingBox();
      }
      if (!box) throw new Error(`"${text}" is not visible in the active editor`);
      const inner = await token.innerText();
      const offset = Math.max(0, inner.indexOf(text));
      const charWidth = box.width / Math.max(1, inner.length);
      // Move off and back on, so the editor sees a new hover position on each try.
      await this.page.mouse.move(box.x + box.width / 2, Math.max(0, box.y - box.height * 3));
      await this.page.mouse.move(box.x + (offset + Math.min(2, text.length / 2)) * charWidth, box.y + box.height / 2, { steps: 3 });
    }, `"${text}"`);
  }

  private async retryHover(options: number | HoverOptions, trigger: () => Promise<void>, where: string): Promise<Locator> {
    const { timeoutMs, contains } = hoverOptions(options);
    const deadline = Date.now() + timeoutMs;
    let lastText = '';
    for (;;) {
      await trigger();
      try {
        // No hover appears while no provider has anything to say yet: ask again, as a person would.
        const hover = await this.waitForHover(Math.max(1000, Math.min(5000, deadline - Date.now())));
        lastText = await hover.innerText({ timeout: 1000 }).catch(() => '');
        if (!contains || (typeof contains === 'string' ? lastText.includes(contains) : contains.test(lastText))) return hover;
      } catch (error) {
        if (Date.now() >= deadline) throw new Error(`no hover at ${where} within ${timeoutMs} ms`, { cause: error });
      }
      if (Date.now() >= deadline) {
        throw new Error(`the hover at ${where} did not show ${String(contains)} within ${timeoutMs} ms; last text:\n${lastText}`);
      }
      await this.page.keyboard.press('Escape');
      await sleep(500);
    }
  }

  /**
   * The editor hover once it is visible, no part of it says "Loading..." and its text is stable.
   * Editor hovers render in the overflow widgets layer, outside `.monaco-editor`.
   */
  async waitForHover(timeoutMs = 30_000): Promise<Locator> {
    const hover = this.page.locator('.monaco-resizable-hover .monaco-hover:not(.hidden) .monaco-hover-content').filter({ visible: true }).first();
    await hover.waitFor({ state: 'visible', timeout: timeoutMs });
    // Providers answer one by one (a link's "Follow link" first, a slow provider later): wait
    // until nothing says "Loading..." and the text has not changed for 750 ms.
    // A hover can also close on its own (CodeLenses arriving move the lines): then this throws
    // and the callers hover again.
    const read = async (): Promise<string> => {
      const text = await hover.innerText({ timeout: 1000 }).catch(() => undefined);
      if (text === undefined) throw new Error('the hover closed before its content settled');
      return text;
    };
    const deadline = Date.now() + timeoutMs;
    let text = await read();
    let stableSince = Date.now();
    while (Date.now() < deadline) {
      await sleep(150);
      const now = await read();
      if (now !== text) {
        text = now;
        stableSince = Date.now();
      } else if (!/Loading(\.\.\.|…)/.test(now) && Date.now() - stableSince >= 750) {
        break;
      }
    }
    return hover;
  }

  /**
   * Opens a view by its title through "View: Open View..." (e.g. `Decisions`, `Explorer`, `Problems`)
   * and returns the view's pane (header and body).
   */
  async openView(title: string, timeoutMs = 60_000): Promise<Locator> {
    await this.pick(`view ${title}`, () => this.quickPickRow(title), timeoutMs);
    const view = this.view(title);
    await view.waitFor({ state: 'visible', timeout: timeoutMs });
    return view;
  }

  /** The pane of an open view with the given title, in the side bar, the panel or the secondary side bar. */
  view(title: string): Locator {
    const exact = new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`, 'i');
    const byHeader = this.page.locator('.pane').filter({ has: this.page.locator('.pane-header h3.title', { hasText: exact }) });
    const byComposite = this.page
      .locator('.part.sidebar, .part.auxiliarybar, .part.panel')
      .filter({ has: this.page.locator('.composite.title h2', { hasText: exact }) })
      .locator('.pane')
      .first();
    return byHeader.or(byComposite).first();
  }

  /** Text of the visible rows of a view's tree or list (in order), after waiting for at least one row. */
  async viewRows(title: string, timeoutMs = 30_000): Promise<string[]> {
    const rows = this.view(title).locator('.monaco-list-row');
    await rows.first().waitFor({ state: 'visible', timeout: timeoutMs });
    return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** Text of the notifications shown now. */
  async notifications(): Promise<string[]> {
    return (await this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts()).map((t) => t.trim());
  }

  /** Waits `ms` milliseconds (for debounced UI; prefer waiting for an element). */
  async settle(ms = 500): Promise<void> {
    await sleep(ms);
  }

  /**
   * Saves a screenshot of the whole workbench to `test-results/screenshots/<name>.png`
   * and prints its path.
   * @returns the absolute path of the PNG
   */
  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path });
    console.log(`[e2e] screenshot: ${relative(REPO_ROOT, path)}`);
    return path;
  }

  /** The last lines of the server and extension host logs, for failure messages. */
  logTail(lines = 40): string {
    return this.server.logTail(lines);
  }

  /** Browser console errors and warnings seen so far. */
  consoleMessages(): string[] {
    return [...this.browser.console];
  }

  /**
   * Stops the browser and the server (by pid) and deletes the session's temp folder, unless
   * `DECISION_LENS_KEEP` is set. Safe to call twice.
   */
  async close(): Promise<void> {
    await this.browser.close();
    await this.server.stop();
    if (process.env.DECISION_LENS_KEEP) console.log(`[e2e] kept ${this.runDir}`);
    else rmSync(this.runDir, { recursive: true, force: true });
  }
}

/** Shorthand for {@link Workbench.open}. */
export function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  return Workbench.open(options);
}
