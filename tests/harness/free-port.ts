/** A free TCP port on 127.0.0.1, for servers the tests start (PostgreSQL, Redis). */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** Asks the system for a free port and releases it; the caller binds it next. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
