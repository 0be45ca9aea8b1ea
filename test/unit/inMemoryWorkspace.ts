/**
 * A {@link WorkspaceReader} over a `Map` of path → text, for unit tests of discovery and the
 * index (the same idea as `vscode-markdown-languageservice`'s `InMemoryWorkspace`).
 */
import { compileGlobs } from '../../src/core/glob';
import type { WorkspaceReader } from '../../src/core/ports';
import { isInside, normalize, relative } from '../../src/core/paths';

export class InMemoryWorkspace implements WorkspaceReader {
  readonly files = new Map<string, string>();
  /** Paths whose reads fail (to test unreadable files). */
  readonly unreadable = new Set<string>();
  /** Every `readText` call, in order. */
  readonly reads: string[] = [];

  /** @param files absolute POSIX path → text. */
  constructor(files: Record<string, string> = {}) {
    for (const [path, text] of Object.entries(files)) this.files.set(normalize(path), text);
  }

  set(path: string, text: string): void {
    this.files.set(normalize(path), text);
  }

  delete(path: string): void {
    this.files.delete(normalize(path));
  }

  async readText(path: string): Promise<string | undefined> {
    const p = normalize(path);
    this.reads.push(p);
    if (this.unreadable.has(p)) return undefined;
    return this.files.get(p);
  }

  async findFiles(root: string, include: readonly string[], exclude: readonly string[]): Promise<string[]> {
    const base = normalize(root);
    const incSet = compileGlobs(include);
    const excSet = compileGlobs(exclude);
    const inc = (p: string): boolean => incSet.matches(p);
    const exc = (p: string): boolean => excSet.matches(p);
    const out: string[] = [];
    for (const path of this.files.keys()) {
      if (!isInside(path, base) || path === base) continue;
      const rel = relative(base, path);
      if (inc(rel) && !exc(rel)) out.push(path);
    }
    return out;
  }

  async exists(path: string): Promise<boolean> {
    const p = normalize(path);
    if (this.files.has(p)) return true;
    for (const file of this.files.keys()) if (isInside(file, p)) return true;
    return false;
  }
}
