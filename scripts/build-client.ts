/**
 * Builds the browser client: bundles `client/app/main.ts` with esbuild into
 * `client/dist/main.js` (ESM, with a source map) and copies `client/app/index.html` and every
 * file under `client/static/` beside it. The sync server serves `client/dist` as it is, so the
 * page's addresses (`/main.js`, `/favicon.svg`) do not depend on where the sources live.
 *
 * Usage: `npm run build` (production: minified) or `node scripts/build-client.ts --dev`.
 * Tests call {@link buildClient} directly.
 */
import { build, type Metafile } from 'esbuild';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
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
}

/**
 * Builds the client into `outdir`. Throws when esbuild reports an error (a programmer error:
 * the client does not compile), after esbuild has printed it.
 */
export async function buildClient(options: BuildOptions = {}): Promise<BuildResult> {
  const mode = options.mode ?? 'production';
  const outdir = options.outdir ?? defaultOutdir;
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });

  const result = await build({
    entryPoints: { main: join(clientDir, 'app', 'main.ts') },
    outdir,
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
  });

  cpSync(join(clientDir, 'app', 'index.html'), join(outdir, 'index.html'));
  const staticDir = join(clientDir, 'static');
  if (existsSync(staticDir)) cpSync(staticDir, outdir, { recursive: true });

  const outputs = outputFiles(result.metafile, outdir);
  if (options.log === true) {
    console.log(`client built (${mode}) into ${relative(process.cwd(), outdir) || '.'}:`);
    for (const [file, info] of Object.entries(result.metafile.outputs)) {
      console.log(`  ${relative(outdir, file)}  ${(info.bytes / 1024).toFixed(1)} KiB`);
    }
  }
  return { outdir, outputs };
}

function outputFiles(metafile: Metafile, outdir: string): string[] {
  return Object.keys(metafile.outputs).map((file) => relative(outdir, file));
}

if (import.meta.main) {
  const mode = process.argv.includes('--dev') ? 'development' : 'production';
  await buildClient({ mode, log: true });
}
