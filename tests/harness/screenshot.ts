import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** `test-results/screenshots/` at the repository root (git-ignored). */
export const screenshotDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results', 'screenshots');

/**
 * Saves a full-page PNG of `page` as `test-results/screenshots/<name>.png` and returns its path.
 * The name is reduced to letters, digits, `-` and `_` so any test title can be used.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  const safe = name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'screenshot';
  const path = join(screenshotDir, `${safe}.png`);
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path, fullPage: true });
  return path;
}
