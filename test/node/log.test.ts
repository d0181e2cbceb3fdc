import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { jsonLineLog, type VlensProxyLogEntry } from '../../src/server/log.js';

const entry = (path: string): VlensProxyLogEntry => ({
  time: '2026-01-01T00:00:00.000Z',
  method: 'POST',
  path,
  status: 200,
});

test('jsonLineLog writes the lines of one turn in one write, in order, after the turn', async () => {
  const writes: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = (chunk: string) => (writes.push(String(chunk)), true);
  try {
    jsonLineLog(entry('/a'));
    jsonLineLog(entry('/b'));
    assert.equal(writes.length, 0, 'nothing written during the turn');
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.stdout.write = write;
  }
  const ours = writes.filter((w) => w.startsWith('{"time"'));
  assert.equal(ours.length, 1);
  assert.deepEqual(
    ours[0].split('\n').map((line) => (line ? JSON.parse(line).path : line)),
    ['/a', '/b', ''],
  );
});

test('jsonLineLog lines still pending when the process exits are written', () => {
  const script = `import { jsonLineLog } from './src/server/log.ts';
jsonLineLog({ time: 't', method: 'POST', path: '/last', status: 200 });
process.exit(0);`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  assert.equal(out, '{"time":"t","method":"POST","path":"/last","status":200}\n');
});
