import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { VLENS_PATHS } from '../../src/api/paths.js';
import { createVlensProxy, type VlensProxyLogEntry } from '../../src/server/proxy.js';
import { listen, toNodeListener } from '../../src/server/node.js';
import { createVlensStandIn } from '../../src/mock/index.js';
import { startStandIn } from '../../src/mock/server.js';
import { jsonAnswer, PHONE, post, ROOMY_LIMITS, startUpstream, TEST_API_KEY } from '../helpers/proxy-fixture.js';

describe('Node adapter', () => {
  test('listen() sizes the server timeouts for a small JSON API and passes the socket address', async () => {
    const seen: (string | undefined)[] = [];
    const handler = Object.assign(
      async (_request: Request, info?: { clientIp?: string }) => {
        seen.push(info?.clientIp);
        return Response.json({ ok: true });
      },
      { mountPath: '/api/vlens' },
    );
    const running = await listen(handler);
    try {
      assert.equal(running.server.headersTimeout, 10_000);
      assert.equal(running.server.requestTimeout, 15_000);
      assert.match(running.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal((await fetch(`${running.url}/api/vlens/healthz`)).status, 200);
      assert.match(seen[0] ?? '', /127\.0\.0\.1$/);
    } finally {
      await running.close();
    }
  });

  test('toNodeListener runs the proxy as Express 5 middleware, passing other paths on', async () => {
    const standIn = createVlensStandIn({ apiKey: TEST_API_KEY });
    const upstream = await startStandIn(standIn, { quiet: true });
    const logs: VlensProxyLogEntry[] = [];
    const proxy = createVlensProxy({
      apiKey: TEST_API_KEY,
      upstream: upstream.url,
      limits: ROOMY_LIMITS,
      log: (e) => logs.push(e),
    });
    const app = express();
    app.use('/api/vlens', toNodeListener(proxy));
    app.use(express.json());
    app.get('/hello', (_req, res) => {
      res.json({ hello: 'world' });
    });
    const server = createServer(app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const sent = await post(base, VLENS_PATHS.verifyPhone, { phoneNumber: PHONE });
      assert.equal(sent.status, 200, sent.text);
      const code = standIn.control.lastCode(PHONE)!;
      assert.ok(!sent.text.includes(code));
      const checked = await post(base, VLENS_PATHS.verifyPhone, {
        phoneNumber: PHONE,
        phoneNumberOtpRequestId: sent.json.data.phoneNumberOtpRequestId,
        phoneNumberOtp: code,
      });
      assert.equal(checked.status, 200, checked.text);
      assert.equal(checked.json.data.isPhoneNumberConfirmed, true);
      const registered = await post(base, VLENS_PATHS.register, {
        phoneNumber: PHONE,
        phoneNumberOtpRequestId: sent.json.data.phoneNumberOtpRequestId,
        phoneNumberOtp: code,
        password: 'Correct-horse-9',
      });
      assert.equal(registered.status, 200, registered.text);
      assert.ok(registered.json.data.accessToken);

      assert.deepEqual(
        await (await fetch(`${base}/hello`)).json(),
        { hello: 'world' },
        'other routes still reach Express',
      );
      assert.equal((await post(base, 'Nope', {})).status, 404);
      assert.equal(logs[0].path, '/api/vlens/Register/StepVerifyPhone');
      assert.match(logs[0].ip ?? '', /127\.0\.0\.1$/);
    } finally {
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      });
      await proxy.close();
      await upstream.close();
    }
  });

  test('toNodeListener works as Koa-style middleware (ctx.respond = false; listener(ctx.req, ctx.res))', async () => {
    const proxy = createVlensProxy({ apiKey: TEST_API_KEY, upstream: 'http://127.0.0.1:9', log: () => {} });
    const listener = toNodeListener(proxy);
    const ctx = { respond: true, req: undefined as any, res: undefined as any };
    const server = createServer((req, res) => {
      ctx.req = req;
      ctx.res = res;
      ctx.respond = false;
      listener(ctx.req, ctx.res);
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/vlens/healthz`);
      assert.equal(res.status, 200);
    } finally {
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      });
      await proxy.close();
    }
  });

  test('listen() answers as the web handler does: status, body and headers, without building a Request', async () => {
    const upstream = await startUpstream(
      jsonAnswer({ data: { exists: false, phoneNumberOtp: '123456' }, error_code: null }),
    );
    const origin = 'https://shop.example';
    const proxy = createVlensProxy({
      apiKey: TEST_API_KEY,
      upstream: upstream.url,
      allowedOrigins: [origin],
      log: () => {},
    });
    const running = await listen(proxy);
    const json = { 'content-type': 'application/json', origin };
    const cases: [string, string, Record<string, string>, string?][] = [
      ['POST', VLENS_PATHS.checkExistence, json, JSON.stringify({ phoneNumber: PHONE })],
      ['POST', VLENS_PATHS.checkExistence, { 'content-type': 'text/plain' }, 'x'],
      ['POST', VLENS_PATHS.verifyPhone, json, '{"phoneNumber":'],
      ['OPTIONS', VLENS_PATHS.register, { origin, 'access-control-request-method': 'POST' }],
      ['GET', 'healthz', {}],
      ['PUT', 'healthz', {}],
      ['GET', 'Nope', {}],
    ];
    const seen = (res: Response) =>
      [...res.headers].filter(
        ([name]) => !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name),
      );
    try {
      for (const [method, path, headers, body] of cases) {
        const url = `/api/vlens/${path}`;
        const web = await proxy(new Request(`http://localhost${url}`, { method, headers, body }), {
          clientIp: '127.0.0.1',
        });
        const node = await fetch(`${running.url}${url}`, { method, headers, body });
        const label = `${method} ${path}`;
        assert.equal(node.status, web.status, label);
        assert.deepEqual(seen(node), seen(web), label);
        assert.equal(await node.text(), await web.text(), label);
      }
    } finally {
      await running.close();
      await proxy.close();
      await upstream.close();
    }
  });
});
