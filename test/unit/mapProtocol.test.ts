// The Decision Map's messages from the webview are checked on the host before use
// (src/features/map/protocol.ts): known types only, fields of the right type and size, the
// Mermaid export's clusters one of folder, tag or none.
import * as assert from 'node:assert/strict';
import { isMapWebviewMessage } from '../../src/features/map/protocol';

describe('Decision Map protocol: messages from the webview', () => {
  it('accepts the messages the map posts', () => {
    assert.ok(isMapWebviewMessage({ type: 'ready' }));
    assert.ok(isMapWebviewMessage({ type: 'open', id: 'docs/adr/0005-x.md#0' }));
    assert.ok(isMapWebviewMessage({ type: 'exportSvg', svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' }));
    assert.ok(isMapWebviewMessage({ type: 'exportMermaid', filter: { statuses: ['proposed'], hops: 2 } }));
    for (const clusterBy of ['folder', 'tag', 'none']) assert.ok(isMapWebviewMessage({ type: 'exportMermaid', filter: {}, clusterBy }), clusterBy);
  });

  it('refuses anything else', () => {
    for (const m of [
      null,
      'ready',
      { type: 'run' },
      { type: 'open', id: 5 },
      { type: 'exportSvg', svg: '<html></html>' },
      { type: 'exportMermaid', filter: {}, clusterBy: 'status' },
      { type: 'exportMermaid', filter: {}, clusterBy: 1 },
      { type: 'exportMermaid', filter: { statuses: ['approved'] } },
      { type: 'exportMermaid', filter: { hops: 4 } },
      { type: 'exportMermaid', filter: { script: 'x' } },
    ]) {
      assert.equal(isMapWebviewMessage(m), false, JSON.stringify(m));
    }
  });
});
