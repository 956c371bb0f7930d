/**
 * Builds the browser client: bundles `client/app/main.ts` with esbuild into `client/dist/`
 * (ESM with code splitting: what `import()` loads, such as the plan's code, is a chunk of its
 * own), every JavaScript file named with its content hash (`main-<hash>.js`,
 * `chunks/<name>-<hash>.js`) so the server can let browsers keep it for a year, and writes
 * `client/app/index.html` beside it with the hashed entry and `modulepreload` links for the
 * chunks the entry imports. Every file under `client/static/` is copied beside it. Each text
 * file is also written compressed (`.br`, `.gz`) for the server to send as it is.
 *
 * Usage: `npm run build` (production: minified) or `node scripts/build-client.ts --dev`.
 * Tests call {@link buildClient} directly.
 */
import { build, type Metafile } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** The client's folder, `client/`. */
export const clientDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'client');

/** Where the build goes unless told otherwise. */
export const defaultOutdir = join(clientDir, 'dist');

/** How to build. */
export interface BuildOptions {
  /** `production` minifies; `development` keeps names readable. Defaults to `production`. */
  readonly mode?: 'production' | 'development';
  /** Output folder, emptied first. Defaults to `client/dist`. */
  readonly outdir?: string;
  /** Print a summary of the written files. Defaults to false. */
  readonly log?: boolean;
}

/** What a build wrote. */
export interface BuildResult {
  /** The output folder, absolute. */
  readonly outdir: string;
  /** The files esbuild wrote, relative to `outdir`. */
  readonly outputs: readonly string[];
  /** The entry's file (`main-<hash>.js`), relative to `outdir`, as `index.html` names it. */
  readonly entry: string;
  /** The JavaScript the first page loads: the entry and every chunk it imports statically, relative to `outdir`. */
  readonly firstLoad: readonly string[];
}

/** Extensions of the files written compressed beside themselves. */
const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.map', '.json', '.svg', '.txt']);

/**
 * Builds the client into `outdir`. Throws when esbuild reports an error (a programmer error:
 * the client does not compile), after esbuild has printed it.
 */
/** The line that tells zod, before it is first used, to compile nothing with eval (`jitless`). */
const ZOD_JITLESS = '(globalThis.__zod_globalConfig ??= {}).jitless = true;';

export async function buildClient(options: BuildOptions = {}): Promise<BuildResult> {
  const mode = options.mode ?? 'production';
  const outdir = options.outdir ?? defaultOutdir;
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });

  const result = await build({
    entryPoints: { main: join(clientDir, 'app', 'main.ts') },
    outdir,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: 'linked',
    minify: mode === 'production',
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
    // zod must never compile a schema with eval (the page's Content-Security-Policy forbids it, and
    // its probe for eval is itself a violation): set before any file's own code runs, in every
    // file, as a chunk shared with the plan's code runs before the entry's (zod's global config).
    banner: { js: ZOD_JITLESS },
  });

  const outputs = outputFiles(result.metafile, outdir);
  const entry = outputs.find((file) => /^main-[A-Z0-9]+\.js$/.test(file));
  if (!entry) throw new Error('build-client: esbuild wrote no entry main-<hash>.js');
  const firstLoad = staticClosure(result.metafile, outdir, entry);
  writeFileSync(join(outdir, 'index.html'), pageHtml(readFileSync(join(clientDir, 'app', 'index.html'), 'utf8'), entry, firstLoad));
  const staticDir = join(clientDir, 'static');
  if (existsSync(staticDir)) cpSync(staticDir, outdir, { recursive: true });
  compressAll(outdir);

  if (options.log === true) {
    console.log(`client built (${mode}) into ${relative(process.cwd(), outdir) || '.'}:`);
    for (const [file, info] of Object.entries(result.metafile.outputs)) {
      console.log(`  ${relative(outdir, file)}  ${(info.bytes / 1024).toFixed(1)} KiB`);
    }
  }
  return { outdir, outputs, entry, firstLoad };
}

function outputFiles(metafile: Metafile, outdir: string): string[] {
  return Object.keys(metafile.outputs).map((file) => relative(outdir, file));
}

/** The entry and every chunk reachable from it by static imports (what the first page loads). */
function staticClosure(metafile: Metafile, outdir: string, entry: string): string[] {
  const byRelative = new Map(Object.entries(metafile.outputs).map(([file, info]) => [relative(outdir, file), info]));
  const seen = new Set<string>([entry]);
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    for (const imported of byRelative.get(file)?.imports ?? []) {
      if (imported.kind !== 'import-statement' || imported.external) continue;
      const target = relative(outdir, imported.path);
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...seen];
}

/**
 * The page with the hashed entry in place of `/main.js`, and a `modulepreload` link for each
 * chunk the entry imports, so the browser fetches them at once rather than one after another.
 * Throws when the page does not name `/main.js` (the build would serve a page without code).
 */
export function pageHtml(source: string, entry: string, firstLoad: readonly string[]): string {
  const tag = '<script type="module" src="/main.js"></script>';
  if (!source.includes(tag)) throw new Error(`build-client: index.html must contain ${tag}`);
  const preloads = firstLoad.filter((file) => file !== entry).map((file) => `<link rel="modulepreload" href="/${file}" />\n    `);
  return source.replace(tag, `${preloads.join('')}<script type="module" src="/${entry}"></script>`);
}

/** Writes `<file>.br` (brotli, best) and `<file>.gz` (gzip, best) beside every text file under `dir`. */
function compressAll(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) compressAll(path);
    else if (COMPRESSIBLE.has(extname(name))) {
      const body = readFileSync(path);
      writeFileSync(`${path}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
      writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
    }
  }
}

if (import.meta.main) {
  const mode = process.argv.includes('--dev') ? 'development' : 'production';
  await buildClient({ mode, log: true });
}
