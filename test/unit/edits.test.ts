// Named regressions of issue 9 (edits that deleted prose), each on the text the fuzzing found.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Decision } from '../../src/core/model';
import { parseRecord } from '../../src/core/parse/parseRecord';
import type { RelatedRecord } from '../../src/core/templates/recordData';
import type { EditRequest } from '../../src/core/templates/verify';
import { checkEdits, verifiedEdits } from '../../src/core/templates/verify';
import { range } from '../../src/core/model';
import { CORPUS } from './parseHelpers';

const NEWER: RelatedRecord = { title: 'Use webhooks', number: 12, display: 'ADR-0012', href: '0012-use-webhooks.md', stem: '0012-use-webhooks' };
const OTHER: RelatedRecord = { title: 'Use queues', number: 13, display: 'ADR-0013', href: '0013-use-queues.md', stem: '0013-use-queues' };

function record(text: string, path = '/w/docs/adr/0005-x.md'): Decision {
  const [d] = parseRecord(text, path);
  return d;
}

/** Applies a request and returns the new text (asserting it was verified). */
function edit(text: string, request: EditRequest, path?: string): string {
  const result = verifiedEdits(text, record(text, path), request);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.text;
}

const supersede = (other = NEWER): EditRequest => ({ kind: 'link', link: 'superseded-by', other });

describe('record edits (issue 9 regressions)', () => {
  const haPath = join(CORPUS, 'home-assistant/adr/0014-home-assistant-supervised.md');
  const ha = readFileSync(haPath, 'utf8');

  it('a reStructuredText SEED: a status change rewrites only the :status: field; a supersede is refused', () => {
    const path = join(CORPUS, 'pigweed/seed/0128.rst');
    const text = readFileSync(path, 'utf8');
    const out = edit(text, { kind: 'status', status: 'deprecated' }, path);
    const before = text.split('\n');
    const after = out.split('\n');
    const changed = before.map((l, i) => (l === after[i] ? -1 : i)).filter((i) => i >= 0);
    assert.deepEqual(changed, [8]);
    assert.equal(after[8], '   :status: Deprecated');
    assert.equal(record(out, path).status.kind, 'deprecated');
    const link = verifiedEdits(text, record(text, path), supersede());
    assert.ok(!link.ok && /reStructuredText|not edited|link/.test(link.message), link.ok ? 'applied' : link.message);
  });

  it('home-assistant 0014: status -> accepted changes only the status line', () => {
    const out = edit(ha, { kind: 'status', status: 'accepted' }, haPath);
    const before = ha.split('\n');
    const after = out.split('\n');
    assert.equal(after.length, before.length);
    const changed = before.map((l, i) => (l === after[i] ? -1 : i)).filter((i) => i >= 0);
    assert.deepEqual(changed, [6]);
    assert.equal(before[6], 'Reverted by [discussion #1198](https://github.com/home-assistant/architecture/discussions/1198).');
    assert.equal(after[6], 'Accepted');
    assert.match(out, /\n\nHome Assistant Supervised is no longer an officially supported installation method\.\n/);
    assert.equal(record(out, haPath).status.kind, 'accepted');
  });

  it('home-assistant 0014: supersede writes the link as the status and keeps the paragraph after it', () => {
    const out = edit(ha, supersede(), haPath);
    assert.match(out, /## Status\n\nSuperseded by \[12\. Use webhooks\]\(0012-use-webhooks\.md\)\n\nHome Assistant Supervised is no longer an officially supported installation method\.\nUsers are encouraged/);
    const d = record(out, haPath);
    assert.equal(d.status.kind, 'superseded');
    assert.ok(d.relations.some((r) => r.kind === 'superseded-by' && r.target.path === '0012-use-webhooks.md'));
    // Running it again changes nothing.
    const again = verifiedEdits(out, d, supersede());
    assert.ok(again.ok);
    assert.equal(again.edits.length, 0);
  });

  it('replaces a block scalar status without eating the next key', () => {
    const text = '---\nstatus: |\n  deprecated\ndate: 2024-01-02\n---\n\n# Use X\n\n## Context and Problem Statement\n\nText.\n';
    assert.equal(edit(text, { kind: 'status', status: 'accepted' }), text.replace('status: |\n  deprecated\n', 'status: accepted\n'));
  });

  it('replaces a flow sequence status instead of adding a second key', () => {
    const text = '---\nstatus: [proposed] # the team votes\ndate: 2024-01-02\n---\n\n# Use X\n\nText.\n';
    const out = edit(text, { kind: 'status', status: 'accepted' });
    assert.equal(out, text.replace('[proposed]', 'accepted'));
    assert.equal(record(out).status.kind, 'accepted');
  });

  it('keeps comments, quoting and key order of the front matter', () => {
    const text = "---\n# metadata\nstatus: 'proposed' # was draft\ndecision-makers: [Ann, Bob]\ndate: 2024-01-02\n---\n\n# Use X\n";
    assert.equal(edit(text, { kind: 'status', status: 'rejected' }), text.replace("'proposed'", "'rejected'"));
    const amended = edit(text, { kind: 'link', link: 'amended-by', other: NEWER });
    assert.equal(amended, text.replace('date: 2024-01-02\n', 'date: 2024-01-02\namended-by: ADR-0012\n'));
    const twice = edit(amended, { kind: 'link', link: 'amended-by', other: OTHER });
    assert.match(twice, /^amended-by: \[ADR-0012, ADR-0013\]$/m);
  });

  it('keeps the underline of a setext Status heading', () => {
    const text = '# 5. Use X\n\nDate: 2024-01-02\n\nStatus\n------\n\nProposed\n\nContext\n-------\n\nText.\n';
    assert.equal(edit(text, { kind: 'status', status: 'accepted' }), text.replace('\nProposed\n', '\nAccepted\n'));
    const empty = '# 5. Use X\n\nStatus\n------\n\nContext\n-------\n\nText.\n';
    assert.equal(edit(empty, { kind: 'status', status: 'accepted' }), empty.replace('------\n\n', '------\n\nAccepted\n\n'));
  });

  it('leaves a `- Status:` example inside a code fence alone', () => {
    const text = '# Use X\n\n- Status: proposed\n- Date: 2024-01-02\n\n## Context\n\nWrite it like this:\n\n```\n- Status: accepted\n```\n';
    const out = edit(text, { kind: 'status', status: 'rejected' }, '/w/docs/adr/20240102-use-x.md');
    assert.equal(out, text.replace('- Status: proposed', '- Status: rejected'));
    const fenceOnly = '# Use X\n\nSome text.\n\n```\n- Status: accepted\n```\n';
    const refused = verifiedEdits(fenceOnly, record(fenceOnly), { kind: 'status', status: 'rejected' });
    assert.equal(refused.ok, false);
  });

  it('does not edit tab-indented bullets the parser does not read', () => {
    const text = '# Use X\n\n\t- Status: accepted\n\nSome text.\n';
    const refused = verifiedEdits(text, record(text), { kind: 'status', status: 'deprecated' });
    assert.equal(refused.ok, false);
  });

  it('adds no second `Superseded by` line and refuses a record superseded by another one', () => {
    const text = '# 5. Use X\n\n## Status\n\nAccepted\n\nSuperseded by [12. Use webhooks](0012-use-webhooks.md)\n\n## Context\n\nText.\n';
    const out = edit(text, supersede());
    assert.equal(out, text.replace('\nAccepted\n', '\nSuperseded\n'));
    assert.equal((out.match(/Superseded by/g) ?? []).length, 1);
    const refused = verifiedEdits(text, record(text), supersede(OTHER));
    assert.ok(!refused.ok);
    assert.match(refused.message, /already superseded by \[12\. Use webhooks\]/);
  });

  it('keeps the BOM first and the line ends of the file', () => {
    const text = '\uFEFF# Use X\r\n\r\n## Context and Problem Statement\r\n\r\nText.\r\n\r\n## Considered Options\r\n\r\n* A\r\n';
    const out = edit(text, { kind: 'status', status: 'proposed' });
    assert.ok(out.startsWith('\uFEFF---\r\nstatus: proposed\r\n---\r\n# Use X'));
    assert.ok(!/[^\r]\n/.test(out));
    const cr = '# 5. Use X\r\rDate: 2024-01-02\r\r## Status\r\rAccepted\r\r## Context\r\rText.\r';
    const amended = edit(cr, { kind: 'link', link: 'amends', other: NEWER });
    assert.equal(amended, cr.replace('Accepted\r', 'Accepted\r\rAmends [12. Use webhooks](0012-use-webhooks.md)\r'));
  });

  it('keeps the emphasis and the trailing comment of a status bullet', () => {
    const text = '# Use X\n\n* Status: **proposed** <!-- optional -->\n* Date: 2024-01-02\n\n## Context and Problem Statement\n\nText.\n';
    assert.equal(edit(text, { kind: 'status', status: 'accepted' }), text.replace('**proposed**', '**accepted**'));
    const sup = edit(text, supersede());
    assert.match(sup, /^\* Status: superseded by \[ADR-0012\]\(0012-use-webhooks\.md\) <!-- optional -->$/m);
  });

  describe('verification refuses the edits the old writer made', () => {
    it('home-assistant 0014: replacing the paragraph after the status with `Accepted`', () => {
      // Line 9 is "Home Assistant Supervised is no longer an officially supported installation method."
      const lines = ha.split('\n');
      const refused = checkEdits(ha, record(ha, haPath), { kind: 'status', status: 'accepted' }, [{ range: range(8, 0, 9, lines[9].length), newText: 'Accepted' }]);
      assert.ok(!refused.ok);
      assert.match(refused.message, /would replace "Home Assistant Supervised is no longer an officially supp\.\.\.", which is not the value being changed/);
      const sup = checkEdits(ha, record(ha, haPath), supersede(), [{ range: range(8, 0, 9, lines[9].length), newText: 'Superseded by [12. Use webhooks](0012-use-webhooks.md)' }]);
      assert.ok(!sup.ok);
    });

    it('a block scalar status run into the next key', () => {
      const text = '---\nstatus: |\n  deprecated\ndate: 2024-01-02\n---\n\n# Use X\n';
      const refused = checkEdits(text, record(text), { kind: 'status', status: 'accepted' }, [{ range: range(1, 8, 3, 0), newText: 'deprecated' }]);
      assert.ok(!refused.ok);
    });

    it('a second `Superseded by` line, a moved BOM and a foreign line break', () => {
      const text = '# 5. Use X\n\n## Status\n\nSuperseded by [12. Use webhooks](0012-use-webhooks.md)\n\n## Context\n\nText.\n';
      const twice = checkEdits(text, record(text), supersede(OTHER), [{ range: range(4, 0), newText: 'Superseded by [13. Use queues](0013-use-queues.md)\n\n' }]);
      assert.ok(!twice.ok);
      const bom = '\uFEFF' + text;
      const moved = checkEdits(bom, record(bom), { kind: 'status', status: 'accepted' }, [{ range: range(0, 0), newText: '---\nstatus: accepted\n---\n' }]);
      assert.ok(!moved.ok);
      assert.match(moved.message, /byte order mark/);
      const crlf = text.replace(/\n/g, '\r\n');
      const mixed = checkEdits(crlf, record(crlf), { kind: 'link', link: 'amends', other: OTHER }, [{ range: range(4, 52), newText: '\n\nAmends [13. Use queues](0013-use-queues.md)' }]);
      assert.ok(!mixed.ok);
      assert.match(mixed.message, /mix line endings/);
    });
  });
});
