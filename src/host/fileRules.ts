/**
 * Which files the index reads at all, shared by the extension host, the build workers and the
 * command line: binary file names are skipped without reading (the command line also counts a
 * dot file such as `.png` as one, see `cli/nodeWorkspace.ts`). No `vscode`, no Node built-ins.
 */
import { basename } from '../core/paths';

/** Extensions (lower case, no dot) of files that are never text; skipped without reading. */
export const BINARY_EXTENSIONS: ReadonlySet<string> = new Set(
  (
    'png jpg jpeg gif bmp ico webp tif tiff psd avif heic svgz pdf zip gz tgz bz2 xz 7z rar jar war ear class ' +
    'exe dll so dylib o a lib obj bin dat wasm woff woff2 ttf otf eot mp3 mp4 m4a wav ogg flac avi mov mkv webm ' +
    'sqlite db pyc pyo pdb nupkg vsix iso dmg deb rpm pack idx'
  ).split(' '),
);

/** @returns true for a file name with an extension that is never text (`logo.PNG`, `app.wasm`). */
export function hasBinaryExtension(path: string): boolean {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 && BINARY_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}
