/** Node (req, res) middleware around a small web-standard handler mounted at one path (dev sign-in, fake CAPTCHA). */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A handler that answers requests under `mountPath` and resolves to null for any other path. */
export interface MountedHandler {
  (request: Request): Promise<Response | null>;
  readonly mountPath: string;
}

/** Bodies these development endpoints read, at most. */
const MAX_BODY = 4096;

/** Answers and resolves true for the handler's own paths; resolves false (untouched) for others. */
export function mountedNodeListener(handler: MountedHandler) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://dev-endpoint.invalid');
    if (url.pathname !== handler.mountPath && !url.pathname.startsWith(`${handler.mountPath}/`)) return false;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      chunks.push(chunk as Buffer);
      if (size > MAX_BODY) break;
    }
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(url, {
      method: req.method,
      headers: { 'content-type': String(req.headers['content-type'] ?? '') },
      body: hasBody ? Buffer.concat(chunks) : undefined,
    });
    const response = (await handler(request))!;
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
    return true;
  };
}
