// An HTTP server on a free loopback port whose answers any test page may read (CORS open to
// the page's origin, preflights answered). `respond({method, url, body})` resolves to
// {status, statusText?, type?, body} or {destroy: true} to close the socket unanswered (fetch
// then rejects with a TypeError). Test scaffolding.
import { createServer } from 'node:http';

export async function serveWithCors(respond) {
  const server = createServer(async (req, res) => {
    const cors = {
      'access-control-allow-origin': req.headers.origin ?? '*',
      'access-control-allow-headers': 'authorization, content-type',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    let body = '';
    for await (const chunk of req) body += chunk;
    const out = await respond({ method: req.method, url: `http://x${req.url}`, body });
    if (out.destroy) {
      req.socket.destroy();
      return;
    }
    res.writeHead(out.status, out.statusText ?? '', { ...cors, 'content-type': out.type ?? 'text/plain' }).end(out.body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
