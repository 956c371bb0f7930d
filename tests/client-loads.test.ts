import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient } from '../client/build.ts';
import { axeViolations, collectPageErrors, launchBrowser, screenshot, serveStatic, type LaunchedBrowser, type StaticServer } from './harness/index.ts';

describe('the built client', () => {
  let server: StaticServer;
  let launched: LaunchedBrowser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    const { outdir } = await buildClient({ mode: 'production' });
    server = await serveStatic(outdir);
    launched = await launchBrowser();
    page = await launched.browser.newPage();
    errors = collectPageErrors(page);
    await page.goto(server.url, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await launched?.close();
    await server?.close();
  });

  it('shows the product heading', async () => {
    const heading = page.getByRole('heading', { level: 1, name: 'Permanence planning board' });
    await heading.waitFor({ state: 'visible' });
    expect(await heading.isVisible()).toBe(true);
    expect(await page.title()).toBe('Permanence planning board');
    expect(await page.locator('html').getAttribute('lang')).toBe('en-GB');
  });

  it('offers a skip link to the main landmark as the first tab stop', async () => {
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.textContent()).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await expect.poll(() => page.getByRole('main').count()).toBe(1);
  });

  it('shows the demo PPM record with its tables', async () => {
    await expect.poll(() => page.getByRole('heading', { level: 2, name: /Permanence Planning Meeting: Rowan Example/ }).count()).toBe(1);
    const decisions = page.getByRole('table', { name: 'Decisions taken at Last Review' });
    expect(await decisions.getByRole('row').count()).toBe(3);
    expect(await decisions.getByRole('columnheader').allTextContents()).toEqual(['Decision', 'Reason', 'Person / agency responsible', 'Target date', 'Date completed']);
  });

  it('has no serious or critical accessibility findings (axe-core)', async () => {
    expect(await axeViolations(page, 'serious')).toEqual([]);
  });

  it('logs no console errors and loads every resource', async () => {
    await screenshot(page, 'client-loads');
    expect(errors).toEqual([]);
  });
});
