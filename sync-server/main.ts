/**
 * `npm start`: runs the whole product in one process on one port (Hocuspocus at /collab, the
 * API under /api, /healthz and the client), storing in SQLite under DATA_DIR unless
 * DATABASE_URL names PostgreSQL. On first start it creates the signing secret and, on an empty
 * store unless NODE_ENV=production or DEMO=off, the demo accounts and a fictional demo caseload
 * (passwords printed once on a terminal, else written to a private file: `demo/demo-policy.ts`). SIGTERM or SIGINT: stop
 * accepting, save everything, exit within 10 seconds.
 */
import { startApp } from './app.ts';
import { readConfig } from './config.ts';
import { seedDemo } from './demo/demo-caseload.ts';
import { demoAnnouncement, demoRefusal, noDemoAdvice } from './demo/demo-policy.ts';

/** Whether the server listens only for connections from this computer. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** Hard limit for shutdown: the process exits by then whatever happens. */
const SHUTDOWN_LIMIT_MS = 9_500;

const config = readConfig(process.env);
if (!config.ok) {
  console.error('The server cannot start: the configuration has problems.');
  for (const p of config.problems) console.error(`  ${p}`);
  process.exit(2);
}

const starting = startApp(config.config).catch((error: unknown) => {
  console.error('The server cannot start:', error instanceof Error ? error.message : error);
  process.exit(1);
});

// Listen for Ctrl+C and SIGTERM from the start: one that arrives while storage opens or the demo
// is made waits for the server to be up, then saves and stops it like any other.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: saving and stopping ...`);
    const hard = setTimeout(() => {
      console.error('Shutdown took too long; exiting now.');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS);
    hard.unref();
    void starting
      .then((app) => app.stop())
      .then(
        (saved) => {
          console.log(saved ? 'Everything is saved. Goodbye.' : 'Stopped, but some changes could not be saved (see above).');
          process.exit(saved ? 0 : 1);
        },
        (error: unknown) => {
          console.error('Shutdown failed:', error);
          process.exit(1);
        },
      );
  });
}

const app = await starting;
// A stop asked for while the demo is being made may make seeding fail: the stop explains itself.
const noDemo = demoRefusal(config.config);
const seeded =
  noDemo === undefined
    ? await seedDemo(app, app.today()).catch((error: unknown) => {
        if (stopping) return undefined;
        throw error;
      })
    : undefined;
if (stopping) await new Promise<never>(() => undefined);
const about = seeded
  ? await demoAnnouncement(seeded, { tty: process.stdout.isTTY === true, dataDir: config.config.DATA_DIR })
  : (await app.records.accounts()).length === 0
    ? noDemoAdvice(noDemo ?? 'the store already holds children')
    : [];
console.log('');
console.log(`Permanence planning board is running at ${app.url}`);
if (about.length > 0) {
  console.log('');
  for (const line of about) console.log(line);
}
if (isLoopback(config.config.HOST)) {
  console.log('');
  console.log(`Only this computer can connect (HOST is ${config.config.HOST}). To let other devices in the meeting room`);
  console.log('connect over your network, start it with: HOST=0.0.0.0 npm start');
}
console.log('');
console.log('Stop with Ctrl+C; everything is saved first.');
