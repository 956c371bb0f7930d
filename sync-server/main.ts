/**
 * `npm start`: runs the product in one process. For now this serves the built client and
 * says what the server will offer; the collaborative server (Hocuspocus at /collab, the HTTP
 * API under /api, SQLite storage in DATA_DIR) arrives with the sync-server issue.
 */
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { readConfig } from './config.ts';
import { staticFiles } from './static-files.ts';

const PLANNED = {
  status: 'placeholder',
  message: 'The collaborative server is not built yet. It will serve /collab (live editing), /api (accounts, children, export) and /healthz.',
};

const config = readConfig(process.env);
if (!config.ok) {
  for (const p of config.problems) console.error(`configuration: ${p}`);
  process.exit(2);
}
const { PORT, HOST, PUBLIC_URL } = config.config;
const serveClient = staticFiles(fileURLToPath(new URL('../client/dist', import.meta.url)));

const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0]!;
  if (path === '/healthz' || path.startsWith('/api') || path.startsWith('/collab')) {
    res.writeHead(path === '/healthz' ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(PLANNED));
    return;
  }
  serveClient(req, res);
});

server.listen(PORT, HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : PORT;
  console.log(`Permanence planning board (placeholder server) at ${PUBLIC_URL ?? `http://${HOST}:${port}/`}`);
  console.log(PLANNED.message);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
