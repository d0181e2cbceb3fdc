/** The proxy's default upstream transport (node:http keep-alive) against real loopback servers. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { once } from 'node:events';
import { VLENS_PATHS } from '../../src/api/paths.js';
import { nodeUpstream, type UpstreamCall } from '../../src/server/upstream.js';
import { PHONE, post, startProxy } from '../helpers/proxy-fixture.js';
import { until } from '../helpers/until.js';

/** A loopback server that counts connections and requests; `answer` runs once the request body is in. */
async function startCounting(answer: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const sockets = new Set<Socket>();
  let connections = 0;
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      bodies.push(body);
      answer(req, res, body);
    });
  });
  server.on('connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`,
    bodies,
    connections: () => connections,
    openSockets: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const json = (body: string) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(body);
};

function call(signal = new AbortController().signal): UpstreamCall {
  return {
    headers: { 'Content-Type': 'application/json', ApiKey: 'k' },
    body: '{"phoneNumber":"+201001234567"}',
    signal,
  };
}

describe('node upstream transport', () => {
  test('sends the headers and body once and keeps the connection for the next call', async () => {
    const seen: IncomingMessage['headers'][] = [];
    const server = await startCounting((req, res) => {
      seen.push(req.headers);
      json('{"data":1}')(req, res);
    });
    const post = nodeUpstream();
    try {
      for (let i = 0; i < 5; i++) {
        const answer = await post(server.url, call());
        assert.equal(answer.status, 200);
        assert.equal(answer.contentType, 'application/json');
        assert.equal(answer.redirected, false);
        assert.equal(await answer.readText(1024), '{"data":1}');
      }
      assert.equal(server.connections(), 1, 'one kept-alive connection');
      assert.deepEqual(server.bodies, Array(5).fill('{"phoneNumber":"+201001234567"}'));
      assert.equal(seen[0].apikey, 'k');
      assert.equal(seen[0]['content-length'], '31');
    } finally {
      post.close();
      await server.close();
    }
  });

  test('a redirect is reported, never followed', async () => {
    const server = await startCounting((_req, res) => {
      res.writeHead(302, { location: '/elsewhere', 'content-type': 'application/json' });
      res.end('{}');
    });
    const post = nodeUpstream();
    try {
      const answer = await post(server.url, call());
      assert.equal(answer.status, 302);
      assert.equal(answer.redirected, true);
      await answer.discard();
      assert.equal(server.bodies.length, 1);
    } finally {
      post.close();
      await server.close();
    }
  });

  test('a body past the cap is counted while reading (no Content-Length) and the rest is left unread', async () => {
    let written = 0;
    const server = await startCounting((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'x'.repeat(16 * 1024);
      const pump = () => {
        while (written < 50 * 1024 * 1024 && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      pump();
    });
    const post = nodeUpstream();
    try {
      const answer = await post(server.url, call());
      assert.equal(await answer.readText(64 * 1024), null);
      await until(() => server.openSockets() === 0, 'the connection is dropped, not reused');
      assert.ok(written < 20 * 1024 * 1024, `stopped reading (server wrote ${written} bytes)`);
    } finally {
      post.close();
      await server.close();
    }
  });

  test('a body exactly at the cap is read whole', async () => {
    const body = `"${'x'.repeat(1022)}"`;
    const server = await startCounting(json(body));
    const post = nodeUpstream();
    try {
      assert.equal(await (await post(server.url, call())).readText(1024), body);
    } finally {
      post.close();
      await server.close();
    }
  });

  test('abort before the headers rejects the call and drops the connection', async () => {
    const server = await startCounting(() => {});
    const post = nodeUpstream();
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      await assert.rejects(post(server.url, call(controller.signal)));
      assert.equal(controller.signal.aborted, true);
      await until(() => server.openSockets() === 0, 'the aborted connection is dropped');
    } finally {
      post.close();
      await server.close();
    }
  });

  test('abort while the body trickles rejects readText', async () => {
    const server = await startCounting((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":');
    });
    const post = nodeUpstream();
    try {
      const controller = new AbortController();
      const answer = await post(server.url, call(controller.signal));
      setTimeout(() => controller.abort(), 100);
      await assert.rejects(answer.readText(1024));
    } finally {
      post.close();
      await server.close();
    }
  });

  test('a connection reset before or during the answer rejects, with no second request', async () => {
    let mode: 'before' | 'during' = 'before';
    const server = await startCounting((req, res) => {
      if (mode === 'before') return void req.socket.destroy();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":', () => setTimeout(() => req.socket.destroy(), 20));
    });
    const post = nodeUpstream();
    try {
      await assert.rejects(post(server.url, call()));
      assert.equal(server.bodies.length, 1, 'never retried');
      mode = 'during';
      const answer = await post(server.url, call());
      await assert.rejects(answer.readText(1024));
      assert.equal(server.bodies.length, 2, 'never retried');
    } finally {
      post.close();
      await server.close();
    }
  });

  test('an upstream that closes idle connections is followed by a fresh connection, not an error', async () => {
    const server = await startCounting(json('{}'));
    server.server.keepAliveTimeout = 100;
    const post = nodeUpstream();
    try {
      await (await post(server.url, call())).readText(1024);
      await until(() => server.openSockets() === 0, 'the server closed the idle connection');
      assert.equal(await (await post(server.url, call())).readText(1024), '{}');
      assert.equal(server.connections(), 2);
    } finally {
      post.close();
      await server.close();
    }
  });

  test('a call slower than the idle-connection timeout is still answered', async () => {
    const server = await startCounting((req, res) => setTimeout(() => json('{"late":true}')(req, res), 300));
    const post = nodeUpstream({ keepAliveMs: 100 });
    try {
      assert.equal(await (await post(server.url, call())).readText(1024), '{"late":true}');
    } finally {
      post.close();
      await server.close();
    }
  });

  test('close() drops kept-alive connections', async () => {
    const server = await startCounting(json('{}'));
    const post = nodeUpstream();
    try {
      await (await post(server.url, call())).readText(1024);
      assert.equal(server.openSockets(), 1);
      post.close();
      await until(() => server.openSockets() === 0, 'close() dropped the kept-alive connection');
    } finally {
      await server.close();
    }
  });
});

describe('proxy upstream transport', () => {
  test('by default the proxy keeps one upstream connection across calls; close() releases it', async () => {
    const server = await startCounting(json('{"data":{"exists":false},"error_code":0}'));
    const proxy = await startProxy({ upstream: server.url.replace(/\/x$/, '') });
    try {
      for (let i = 0; i < 5; i++)
        assert.equal((await post(proxy.url, VLENS_PATHS.checkExistence, { phoneNumber: PHONE })).status, 200);
      assert.equal(server.connections(), 1);
    } finally {
      await proxy.close();
      await until(() => server.openSockets() === 0, "the proxy's close() released the upstream connection");
      await server.close();
    }
  });

  test('a fetch given in the options is used instead', async () => {
    const server = await startCounting(json('{"data":{"exists":false},"error_code":0}'));
    const urls: string[] = [];
    const proxy = await startProxy({
      upstream: server.url.replace(/\/x$/, ''),
      fetch: (input, init) => {
        urls.push(input instanceof Request ? input.url : String(input));
        assert.equal(init?.redirect, 'manual');
        return fetch(input, init);
      },
    });
    try {
      assert.equal((await post(proxy.url, VLENS_PATHS.checkExistence, { phoneNumber: PHONE })).status, 200);
      assert.equal(urls.length, 1);
      assert.match(urls[0], /\/api\/DigitalIdentity\/CheckExistenceOfEmailOrPhone$/);
    } finally {
      await proxy.close();
      await server.close();
    }
  });
});
