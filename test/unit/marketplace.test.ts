// What the Marketplace and VS Code read from the package: the icon, the files the manifest names
// (walkthrough media, view icons, translation bundles) are in the VSIX (`vsce ls`, with the real
// .vscodeignore), the README's screenshots are not (vsce links them from the repository), and the
// walkthrough's completion events and buttons name commands and views that exist.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface Step { id: string; title: string; description: string; media: { markdown?: string; image?: string }; completionEvents?: string[] }
interface Manifest {
  publisher: string;
  name: string;
  icon: string;
  l10n: string;
  repository: { url: string };
  bugs: { url: string };
  homepage: string;
  galleryBanner: { color: string; theme: string };
  contributes: {
    commands: { command: string }[];
    views: Record<string, { id: string; icon?: string }[]>;
    viewsContainers: { activitybar: { id: string; icon: string }[] };
    walkthroughs: { id: string; title: string; description: string; steps: Step[] }[];
  };
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const text = (value: string): string => value.replace(/^%(.+)%$/, (_m, key: string) => nls[key] ?? value);

/** The files `vsce package` would put in the VSIX, relative to the repository. */
function packagedFiles(): Set<string> {
  const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true', VSCE_TELEMETRY: 'false' },
  });
  assert.equal(result.status, 0, result.stderr);
  return new Set(result.stdout.split('\n').map((l) => l.trim()).filter(Boolean));
}

/** Width and height of a PNG (IHDR chunk). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  assert.equal(bytes.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'a PNG signature');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('marketplace package', function () {
  this.timeout(120_000);
  let files: Set<string>;

  before(() => {
    files = packagedFiles();
  });

  it('has a 128x128 PNG icon, a gallery banner and repository, bugs and homepage links', () => {
    assert.equal(manifest.icon, 'media/icon.png');
    assert.deepEqual(pngSize(readFileSync(join(ROOT, manifest.icon))), { width: 128, height: 128 });
    assert.ok(files.has(manifest.icon));
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
    assert.match(manifest.repository.url, /^https:\/\/github\.com\/[\w-]+\/[\w-]+\.git$/);
    const base = manifest.repository.url.replace(/\.git$/, '');
    assert.equal(manifest.bugs.url, `${base}/issues`);
    assert.ok(manifest.homepage.startsWith(base));
  });

  it('ships every file the manifest names, and the translations', () => {
    const named = [
      ...manifest.contributes.viewsContainers.activitybar.map((c) => c.icon),
      ...Object.values(manifest.contributes.views).flat().flatMap((v) => (v.icon ? [v.icon] : [])),
      ...manifest.contributes.walkthroughs.flatMap((w) => w.steps.flatMap((s) => [s.media.markdown, s.media.image].filter((m): m is string => !!m))),
      'CHANGELOG.md', 'README.md', 'LICENSE', 'package.nls.json', 'package.nls.de.json',
      `${manifest.l10n.replace(/^\.\//, '')}/bundle.l10n.json`, `${manifest.l10n.replace(/^\.\//, '')}/bundle.l10n.de.json`,
    ];
    for (const path of named) {
      assert.ok(existsSync(join(ROOT, path)), `${path} exists`);
      assert.ok(files.has(path), `${path} is in the VSIX`);
    }
  });

  it('leaves sources, tests and the README screenshots out of the VSIX', () => {
    const unwanted = [...files].filter((f) => /^(src|test|scripts|bench|examples|media\/screenshots)\//.test(f) || f === 'media/icon.svg' || f.endsWith('.map'));
    assert.deepEqual(unwanted, []);
  });

  it('links the README screenshots relatively, to PNG files that exist', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[([^\]]*)\]\(([^)]+)\)/g)].map((m) => ({ alt: m[1], src: m[2] }));
    assert.ok(images.length >= 3, `${images.length} images`);
    for (const { alt, src } of images) {
      assert.match(src, /^media\/screenshots\/[\w-]+\.png$/, `${src}: a relative PNG link (vsce rewrites it to the repository)`);
      assert.ok(existsSync(join(ROOT, src)), `${src} exists`);
      assert.ok(alt.length > 20, `${src} has an alt text`);
    }
  });

  it('has a walkthrough whose steps complete on commands and views that exist', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.equal(walkthrough.id, 'decisionLens.gettingStarted');
    assert.equal(text(walkthrough.title), 'Get Started with Decision Lens');
    assert.deepEqual(walkthrough.steps.map((s) => text(s.title)), ['Open the Decisions view', 'Hover a citation', 'Record a decision', 'Add the check to CI']);
    const commands = new Set(manifest.contributes.commands.map((c) => c.command));
    const views = new Set(Object.values(manifest.contributes.views).flat().map((v) => v.id));
    for (const step of walkthrough.steps) {
      assert.ok((step.completionEvents ?? []).length > 0, `${step.id} has completion events`);
      for (const event of step.completionEvents ?? []) {
        const [kind, target] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
        if (kind === 'onCommand') assert.ok(commands.has(target), `${event}: a contributed command`);
        else if (kind === 'onView') assert.ok(views.has(target), `${event}: a contributed view`);
        else assert.equal(kind, 'onLink', event);
      }
      // Each step's button: a command of ours, a view's focus command, or the repository's README.
      const links = [...text(step.description).matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]);
      assert.equal(links.length, 1, `${step.id} has one button`);
      for (const link of links) {
        if (link.startsWith('command:')) {
          const id = link.slice('command:'.length);
          assert.ok(commands.has(id) || views.has(id.replace(/\.focus$/, '')), `${link}: a command or view that exists`);
        } else {
          assert.ok(link.startsWith(manifest.repository.url.replace(/\.git$/, '')), `${link}: the repository`);
          assert.ok((step.completionEvents ?? []).includes(`onLink:${link}`), `${step.id} completes when ${link} is opened`);
        }
      }
    }
  });
});
