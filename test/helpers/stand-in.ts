/** Starts a stand-in on loopback and posts to it like the proxy would (node tests only). */
import { createVlensStandIn, type VlensStandIn } from '../../src/mock/index.js';
import { startStandIn } from '../../src/mock/server.js';
import type { StandInOptions } from '../../src/mock/types.js';

export const TEST_API_KEY = 'test-api-key';

export interface StandInCall {
  status: number;
  headers: Headers;
  body: any;
}

export interface RunningStandIn {
  standIn: VlensStandIn;
  url: string;
  /** POSTs JSON to `/api/DigitalIdentity/<path>` with the ApiKey, unless `headers` says otherwise. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<StandInCall>;
  close(): Promise<void>;
}

export async function runStandIn(options: StandInOptions = {}): Promise<RunningStandIn> {
  const standIn = createVlensStandIn({ apiKey: TEST_API_KEY, ...options });
  const server = await startStandIn(standIn, { quiet: true });
  return {
    standIn,
    url: server.url,
    async post(path, body, headers = { ApiKey: TEST_API_KEY }) {
      const response = await fetch(`${server.url}/api/DigitalIdentity/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
    },
    close: () => server.close(),
  };
}
