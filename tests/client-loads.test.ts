/**
 * The built client served as plain files (no sync server): it loads, opens at the sign-in page,
 * and is accessible and free of console errors before anyone signs in. The client against the
 * real server is tested in client-server.test.ts.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient } from '../scripts/build-client.ts';
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

  it('opens at the sign-in page, under the product banner', async () => {
    const heading = page.getByRole('heading', { level: 1, name: 'Sign in' });
    await heading.waitFor({ state: 'visible' });
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await page.getByRole('banner').textContent()).toContain('Permanence planning board');
    expect(await page.title()).toBe('Sign in – Permanence planning board');
    expect(await page.locator('html').getAttribute('lang')).toBe('en-GB');
  });

  it('offers a skip link to the main landmark as the first tab stop', async () => {
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.textContent()).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await expect.poll(() => page.getByRole('main').count()).toBe(1);
    // The next tab stop is the first field of the page, past the banner.
    await page.keyboard.press('Tab');
    const deepFocus = await page.evaluate(() => {
      let active: Element | null = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active?.id;
    });
    expect(deepFocus).toBe('username');
  });

  it('offers a labelled sign-in form that checks what is missing before sending anything', async () => {
    const username = page.getByLabel('Username');
    const password = page.getByLabel('Password');
    expect(await username.getAttribute('autocomplete')).toBe('username');
    expect(await password.getAttribute('type')).toBe('password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getByRole('link').allTextContents()).toEqual(['Enter your username', 'Enter your password']);
    expect(await username.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'client-loads-sign-in-errors');
  });

  it('has no serious or critical accessibility findings (axe-core)', async () => {
    expect(await axeViolations(page, 'serious')).toEqual([]);
  });

  it('logs no console errors and loads every resource', async () => {
    await screenshot(page, 'client-loads');
    expect(errors).toEqual([]);
  });
});
