#!/usr/bin/env node
// Makes a fresh clone runnable. Called by npm `prestart` and `pretest`.
//
// Runs under any Node >= 18 (the system node may be older than the project's
// Node 24, which itself arrives with `npm ci` as the `node` package), so this
// file is plain JavaScript with no dependencies.
//
// - Installs node_modules when missing or stale (package-lock.json newer than
//   node_modules/.package-lock.json, or node_modules/.bin/node missing).
// - With --browser: installs Debian's Chromium at /usr/bin/chromium when it is
//   missing, through apt-get and only as root. Never downloads a browser any
//   other way.
// - With --browser (the test run) or --postgres: installs Debian's `postgresql`
//   package when no PostgreSQL server binaries are found (the storage tests
//   start a throwaway server from them), through apt-get and only as root.
// - With --browser (the test run) or --redis: installs Debian's `redis-server`
//   package when no redis-server binary is found (the scale-out test starts a
//   throwaway server from it), through apt-get and only as root.
//
// Quick (a few stat calls) when everything is present.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';

/** Prints a progress line on stderr so it never mixes with a script's stdout. */
function say(message) {
  process.stderr.write(`[ensure-installed] ${message}\n`);
}

/** Exits with a clear message. */
function fail(message) {
  process.stderr.write(`[ensure-installed] ERROR: ${message}\n`);
  process.exit(1);
}

/** Runs a command with inherited stdio; returns whether it succeeded. */
function attempt(command, args, options = {}) {
  say(`running: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) fail(`${command} could not start: ${result.error.message}`);
  return result.status === 0;
}

/** Runs a command with inherited stdio; fails the script if it does not succeed. */
function run(command, args, options = {}) {
  if (!attempt(command, args, options)) fail(`${command} ${args.join(' ')} did not succeed (see above)`);
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Why node_modules needs (re)installing, or undefined when it is up to date. */
function staleReason() {
  const nodeModules = join(root, 'node_modules');
  if (!existsSync(nodeModules)) return 'node_modules is missing';
  if (!existsSync(join(nodeModules, '.bin', 'node'))) return 'node_modules/.bin/node is missing';
  const installed = mtime(join(nodeModules, '.package-lock.json'));
  if (installed === undefined) return 'node_modules/.package-lock.json is missing';
  const lock = mtime(join(root, 'package-lock.json'));
  if (lock !== undefined && lock > installed) return 'package-lock.json is newer than node_modules';
  const manifest = mtime(join(root, 'package.json'));
  if (lock === undefined && manifest !== undefined && manifest > installed) {
    return 'package.json is newer than node_modules';
  }
  return undefined;
}

/**
 * Runs `npm ci`, keeping its stderr back: when it refuses the lock file it prints its whole
 * usage text, so only the first lines of the reason are shown. Returns whether it succeeded.
 */
function npmCi(npm, flags) {
  say(`running: ${npm} ci ${flags.join(' ')}`);
  const result = spawnSync(npm, ['ci', ...flags], {
    cwd: root,
    stdio: ['inherit', 'inherit', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) fail(`${npm} could not start: ${result.error.message}`);
  if (result.status === 0) {
    process.stderr.write(result.stderr);
    return true;
  }
  const lines = result.stderr.split('\n').filter((line) => line.startsWith('npm error') && line.trim() !== 'npm error');
  for (const line of lines.slice(0, 4)) process.stderr.write(`  ${line}\n`);
  if (lines.length > 4) process.stderr.write(`  ... (${lines.length - 4} more lines)\n`);
  return false;
}

function ensureModules() {
  const reason = staleReason();
  if (reason === undefined) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const hasLock = existsSync(join(root, 'package-lock.json'));
  say(`${reason}: installing packages with npm ${hasLock ? 'ci' : 'install'} (this can take a minute)...`);
  // npm runs here on whatever Node started the bootstrap (18 or later); the packages' engine
  // fields name the project's own Node 24, which arrives with this very install, so npm's
  // EBADENGINE warnings say nothing useful: show errors only.
  const flags = ['--no-audit', '--no-fund', '--loglevel=error'];
  if (!hasLock) {
    run(npm, ['install', ...flags]);
  } else if (!npmCi(npm, flags)) {
    // `npm ci` refuses a lock that lacks entries npm would add today. That happens when the
    // registry in use does not hold every platform's optional package (e.g. rollup's native
    // builds for other systems), so the lock cannot list them. `npm install` still installs
    // the locked versions and only adds what is missing.
    say('npm ci failed (lock file not accepted as it is): falling back to npm install...');
    run(npm, ['install', ...flags]);
  }
  if (!existsSync(join(root, 'node_modules', '.bin', 'node'))) {
    fail('npm finished but node_modules/.bin/node (the project\'s Node 24) is still missing');
  }
  say('packages installed.');
}

/**
 * Whether PostgreSQL's server binaries (initdb and postgres) are installed: Debian puts them in
 * /usr/lib/postgresql/<version>/bin; other installs in /usr/local/bin or /usr/bin. Keep in step
 * with findPostgresBin() in tests/harness/postgres.ts.
 */
function postgresInstalled() {
  const dirs = ['/usr/local/bin', '/usr/bin'];
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) dirs.push(...readdirSync(debian).map((version) => join(debian, version, 'bin')));
  if (process.env.PG_BIN) dirs.push(process.env.PG_BIN);
  return dirs.some((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres')));
}

/**
 * Whether a redis-server binary is installed: REDIS_SERVER, or Debian's /usr/bin, or
 * /usr/local/bin. Keep in step with findRedisServer() in tests/harness/redis.ts.
 */
function redisInstalled() {
  const candidates = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'];
  if (process.env.REDIS_SERVER) candidates.push(process.env.REDIS_SERVER);
  return candidates.some((path) => existsSync(path));
}

/** The system packages the tests need: how to tell each is there, and Debian's package for it. */
const SYSTEM_PACKAGES = [
  { flag: '--browser', what: `Chromium (${CHROMIUM})`, pkg: 'chromium', installed: () => existsSync(CHROMIUM) },
  { flag: '--postgres', what: 'the PostgreSQL server binaries (initdb, postgres)', pkg: 'postgresql', installed: postgresInstalled },
  { flag: '--redis', what: 'redis-server', pkg: 'redis-server', installed: redisInstalled },
];

/**
 * Installs with apt-get, in one update and one install, the system packages asked for that are
 * missing: `--postgres`, `--redis`, or `--browser` for all three (what `npm test` needs). Not
 * being root, it stops with the command to run instead.
 */
function ensureSystemPackages() {
  const all = process.argv.includes('--browser');
  const missing = SYSTEM_PACKAGES.filter((p) => (all || process.argv.includes(p.flag)) && !p.installed());
  if (missing.length === 0) return;
  const pkgs = missing.map((p) => p.pkg);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    fail(
      `${missing.map((p) => p.what).join(', ')} missing and this is not root, so nothing can be installed here.\n` +
        `  Install Debian's packages yourself: sudo apt-get update && sudo apt-get install -y ${pkgs.join(' ')}`,
    );
  }
  say(`${missing.map((p) => p.what).join(', ')} missing: installing Debian's ${pkgs.join(', ')} with apt-get...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', ...pkgs], { env });
  const still = missing.filter((p) => !p.installed());
  if (still.length > 0) fail(`apt-get installed ${pkgs.join(', ')} but ${still.map((p) => p.what).join(', ')} still missing`);
  say(`installed ${pkgs.join(', ')}.`);
}

ensureModules();
ensureSystemPackages();
