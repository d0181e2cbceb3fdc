/**
 * How the browser suite is split (test/browser/engines.mjs): the shards of a main run cover its files
 * once each, the files run apart are in none of them, and the parts are of about equal cost.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';

process.env.WTR_CHROMIUM_CONTEXT = 'shared';
// @ts-expect-error: plain JavaScript without declarations
const engines = (await import('../../test/browser/engines.mjs')) as {
  CHROMIUM_CONTEXT: string;
  LAZY_CHUNK_FILES: string[];
  CHROMIUM_ONLY: string[];
  browserTestFiles(): string[];
  engineFiles(engine: string, shard?: string): string[];
  filesApart(engine: string): string[];
};
delete process.env.WTR_CHROMIUM_CONTEXT;

test('with a shared context Chromium runs the lazy-chunk files apart, and no engine runs a file twice', () => {
  assert.equal(engines.CHROMIUM_CONTEXT, 'shared');
  assert.deepEqual(engines.filesApart('chromium'), engines.LAZY_CHUNK_FILES);
  assert.deepEqual(engines.filesApart('webkit'), engines.LAZY_CHUNK_FILES);
  assert.deepEqual(engines.filesApart('firefox'), []);
  for (const engine of ['chromium', 'firefox', 'webkit']) {
    const main = engines.engineFiles(engine, undefined);
    const apart = engines.filesApart(engine);
    const skipped = engine === 'chromium' ? [] : engines.CHROMIUM_ONLY;
    assert.deepEqual(
      [...main, ...apart, ...skipped].sort(),
      engines.browserTestFiles(),
      `${engine}: main run + apart + Chromium-only = every file, once`,
    );
  }
});

test('shards split the main run into disjoint parts that together are the whole', () => {
  const main = engines.engineFiles('chromium', undefined);
  for (const count of [1, 2, 3]) {
    const parts = Array.from({ length: count }, (_, i) => engines.engineFiles('chromium', `${i + 1}/${count}`));
    assert.deepEqual(parts.flat().sort(), [...main].sort(), `${count} shards cover the main run once`);
    for (const part of parts) assert.ok(part.length > 0, `no empty shard of ${count}`);
  }
  // The costliest file and the runner for the files apart do not land on the same shard of two.
  assert.ok(!engines.engineFiles('chromium', '2/2').includes('test/browser/contrast.test.ts'));
  assert.throws(() => engines.engineFiles('chromium', '3/2'), /expected i\/n/);
});
