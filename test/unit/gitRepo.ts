/**
 * Temporary git repositories for the history tests, built with the real git CLI: every commit
 * has the author and dates the test gives it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A repository in a temporary folder. */
export class TempRepo {
  readonly dir: string;

  constructor(dir?: string) {
    this.dir = dir ?? realpathSync(mkdtempSync(join(tmpdir(), 'dl-git-')));
    if (!dir) this.git('init', '-q', '-b', 'main');
  }

  /** Runs git in the repository; returns its standard output. */
  git(...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: this.dir, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com' },
    });
  }

  /** Writes files (path → text; `null` deletes). */
  write(files: Record<string, string | null>): void {
    for (const [path, text] of Object.entries(files)) {
      const full = join(this.dir, path);
      if (text === null) rmSync(full, { force: true });
      else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, text);
      }
    }
  }

  /**
   * Writes files and commits every change as `author` on `date` (`YYYY-MM-DD`, noon UTC).
   * @returns the new commit's id.
   */
  commit(message: string, author: string, date: string, files: Record<string, string | null> = {}): string {
    this.write(files);
    this.git('add', '-A');
    const when = `${date}T12:00:00Z`;
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], {
      cwd: this.dir,
      env: {
        ...process.env,
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: this.dir,
        GIT_AUTHOR_NAME: author,
        GIT_AUTHOR_EMAIL: `${author.toLowerCase().replace(/\W+/g, '.')}@example.com`,
        GIT_AUTHOR_DATE: when,
        GIT_COMMITTER_NAME: author,
        GIT_COMMITTER_EMAIL: `${author.toLowerCase().replace(/\W+/g, '.')}@example.com`,
        GIT_COMMITTER_DATE: when,
      },
    });
    return this.git('rev-parse', 'HEAD').trim();
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** An adr-tools (Nygard) record. */
export function nygard(n: number, title: string, status: string, extra = ''): string {
  return `# ${n}. ${title}\n\nDate: 2025-01-01\n\n## Status\n\n${status}\n\n## Context\n\nWhy ${title.toLowerCase()}.${extra}\n\n## Decision\n\nWe ${title.toLowerCase()}.\n\n## Consequences\n\nSome.\n`;
}

/** A MADR 4 record with `applies-to` globs. */
export function madr(title: string, status: string, appliesTo: readonly string[]): string {
  return `---\nstatus: ${status}\ndate: 2025-01-01\napplies-to:\n${appliesTo.map((g) => `  - ${g}\n`).join('')}---\n\n# ${title}\n\n## Context and Problem Statement\n\nWhy.\n\n## Decision Outcome\n\nChosen option: "it", because.\n`;
}
