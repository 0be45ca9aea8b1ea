/**
 * The git command line for the history features (`src/core/gitHistory.ts`), over Node's
 * `child_process.spawn`: arguments as an array (no shell), a time budget, a bound on the output,
 * cancellable with an `AbortSignal`. Used by `decision-lens` and by the editor (`src/host/git.ts`).
 */
import { spawn } from 'node:child_process';
import type { GitRunOptions, GitRunner } from '../core/gitHistory';
import { GitError } from '../core/gitHistory';

/** Defaults of a {@link NodeGitRunner}. */
export interface NodeGitOptions {
  /** The git executable (default `git` on PATH; the editor passes the Git extension's). */
  readonly gitPath?: string;
  /** Milliseconds one command may take (default 30,000). */
  readonly timeoutMs?: number;
  /** Most bytes of output one command may print (default 64 MiB). */
  readonly maxBytes?: number;
  /** Environment (default `process.env`); git's prompts and optional locks are always off. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * A {@link GitRunner} that runs git in `cwd`.
 * @param cwd a native path of a folder inside the repository.
 */
export function nodeGitRunner(cwd: string, options: NodeGitOptions = {}): GitRunner {
  const gitPath = options.gitPath ?? 'git';
  return {
    run(args: readonly string[], run: GitRunOptions = {}): Promise<Uint8Array> {
      const timeoutMs = run.timeoutMs ?? options.timeoutMs ?? 30_000;
      const maxBytes = run.maxBytes ?? options.maxBytes ?? 64 * 1024 * 1024;
      return new Promise<Uint8Array>((resolve, reject) => {
        if (run.signal?.aborted) {
          reject(new GitError('cancelled', 'cancelled'));
          return;
        }
        let child;
        try {
          child = spawn(gitPath, [...args], {
            cwd,
            env: { ...(options.env ?? process.env), GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
            stdio: ['pipe', 'pipe', 'pipe'],
            windowsHide: true,
          });
        } catch (e) {
          reject(new GitError(`git could not be started: ${e instanceof Error ? e.message : String(e)}`, 'not-found'));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        let stderr = '';
        let failure: GitError | undefined;
        const stop = (error: GitError): void => {
          failure ??= error;
          child.kill('SIGKILL');
        };
        const timer = setTimeout(() => stop(new GitError(`git ${args.find((a) => !a.startsWith('-') && !a.includes('=')) ?? ''} took longer than ${timeoutMs} ms`, 'timeout')), timeoutMs);
        const onAbort = (): void => stop(new GitError('cancelled', 'cancelled'));
        run.signal?.addEventListener('abort', onAbort, { once: true });
        child.stdout.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) stop(new GitError(`git printed more than ${maxBytes} bytes`, 'too-large'));
          else chunks.push(chunk);
        });
        child.stderr.on('data', (chunk: Buffer) => {
          if (stderr.length < 4096) stderr += chunk.toString('utf8');
        });
        child.stdin.on('error', () => undefined);
        child.on('error', (e: NodeJS.ErrnoException) => {
          failure ??= new GitError(e.code === 'ENOENT' ? 'git is not installed (not found on PATH)' : `git could not be started: ${e.message}`, e.code === 'ENOENT' ? 'not-found' : 'failed');
        });
        child.on('close', (code) => {
          clearTimeout(timer);
          run.signal?.removeEventListener('abort', onAbort);
          if (failure) reject(failure);
          else if (code !== 0) {
            const message = stderr.trim().split('\n')[0] ?? '';
            reject(new GitError(message || `git exited with ${code}`, /not a git repository/i.test(stderr) ? 'not-a-repository' : 'failed'));
          } else resolve(Buffer.concat(chunks));
        });
        if (run.input !== undefined) child.stdin.end(run.input);
        else child.stdin.end();
      });
    },
  };
}
