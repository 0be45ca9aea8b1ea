// The form's values as the webview sends them: the host checks their shape before using them and
// turns them into a record's fields.
import { strict as assert } from 'node:assert';
import { isFormValues, isWebviewMessage } from '../../src/features/newDecision/protocol';
import { defaultValues, hasInput, toRecordData, today } from '../../src/features/newDecision/values';

describe('New Decision form values', () => {
  const base = defaultValues('/w/docs/adr', 'nygard', 'src/app.ts', '2026-05-01');

  it('accepts well-formed messages and rejects anything else', () => {
    assert.equal(isWebviewMessage({ type: 'ready' }), true);
    assert.equal(isWebviewMessage({ type: 'change', seq: 3, values: base, dirty: false }), true);
    assert.equal(isWebviewMessage({ type: 'submit', values: base }), true);
    assert.equal(isWebviewMessage({ type: 'submit', values: { ...base, options: [1] } }), false);
    assert.equal(isWebviewMessage({ type: 'submit', values: { ...base, title: undefined } }), false);
    assert.equal(isWebviewMessage({ type: 'submit', values: { ...base, relationKind: 'replaces' } }), false);
    assert.equal(isWebviewMessage({ type: 'change', values: base }), false);
    assert.equal(isWebviewMessage({ type: 'eval', code: 'x' }), false);
    assert.equal(isWebviewMessage(null), false);
    assert.equal(isFormValues('values'), false);
  });

  it('splits people, tags and applies-to globs as typed', () => {
    const data = toRecordData({
      ...base,
      title: '  Use webhooks ',
      decisionMakers: 'Ann Lee, Bob Smith, ',
      tags: 'api  partner,security',
      appliesTo: 'src/partner/**\n  src/jobs/*.py , lib/x.ts\n',
      options: [' Webhooks ', 'Polling'],
    });
    assert.equal(data.title, 'Use webhooks');
    assert.deepEqual(data.decisionMakers, ['Ann Lee', 'Bob Smith']);
    assert.deepEqual(data.tags, ['api', 'partner', 'security']);
    assert.deepEqual(data.appliesTo, ['src/partner/**', 'src/jobs/*.py', 'lib/x.ts']);
    assert.deepEqual(data.consideredOptions, ['Webhooks', 'Polling']);
  });

  it('tells a draft worth keeping from an untouched form', () => {
    assert.equal(hasInput(base, base), false);
    assert.equal(hasInput({ ...base, status: 'accepted', date: '2026-06-01' }, base), false);
    assert.equal(hasInput({ ...base, title: 'x' }, base), true);
    assert.equal(hasInput({ ...base, options: ['', ' '] }, base), false);
    assert.equal(hasInput({ ...base, options: ['A'] }, base), true);
  });

  it('dates today in the local time zone', () => {
    assert.equal(today(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
  });
});
