/**
 * The few interfaces the core needs from its host. The CLI implements them over Node's `fs`,
 * the extension over `vscode.workspace.fs`, the unit tests over an in-memory map
 * (`test/unit/inMemoryWorkspace.ts`).
 */

/** Reads a workspace. Paths are POSIX strings as in `model.ts`. */
export interface WorkspaceReader {
  /**
   * Reads a file as UTF-8 text (a BOM is kept; parsers strip it).
   * @returns the text, or `undefined` when the file does not exist or cannot be read.
   */
  readText(path: string): Promise<string | undefined>;
  /**
   * Lists files below `root` matching any of `include` and none of `exclude` (globs relative to
   * `root`, matched by `compileGlobs` in `glob.ts`: picomatch's syntax, in linear time).
   * @returns absolute POSIX paths, in no particular order.
   */
  findFiles(root: string, include: readonly string[], exclude: readonly string[]): Promise<string[]>;
  /** @returns true when `path` exists (file or folder). */
  exists(path: string): Promise<boolean>;
}

/** A minimal logger; the extension backs it with a log output channel, the CLI with stderr. */
export interface Logger {
  trace(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logger that drops everything, for tests and quiet CLI runs. */
export const nullLogger: Logger = {
  trace: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Something that can be released: an event subscription, a timer. Same shape as `vscode.Disposable`. */
export interface Disposable {
  dispose(): void;
}
