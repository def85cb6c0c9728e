// Swagger UI at /docs renders the operations list in headless Chromium, loading nothing from outside
// 127.0.0.1 (the page must work on machines without internet access).
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../helpers/app.ts';

let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  ({ app } = await startApp({ env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' } }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('Swagger UI', () => {
  it('renders every API operation from local assets only', async () => {
    const page = await browser.newPage();
    const outside: string[] = [];
    const failed: string[] = [];
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.protocol === 'data:') return route.continue();
      outside.push(url.href);
      return route.abort();
    });
    page.on('requestfailed', (request) => failed.push(request.url()));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    const response = await page.goto(`${base}/docs`);
    expect(response?.status()).toBe(200);
    const operations = page.locator('.opblock-summary');
    await operations.nth(8).waitFor({ state: 'visible' });

    const paths = await page.locator('.opblock-summary-path').allTextContents();
    const normalized = paths.map((p) => p.replace(/\u200b/g, ''));
    expect(normalized).toEqual(
      expect.arrayContaining([
        '/buckets/{bucket}/cname-tokens',
        '/buckets/{bucket}/cname-tokens/{domain}',
        '/buckets/{bucket}/cnames',
        '/buckets/{bucket}/cnames/{domain}',
        '/buckets/{bucket}/cnames/{domain}/certificate',
      ]),
    );
    expect(await page.locator('.opblock-tag').allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Ownership tokens'),
        expect.stringContaining('Bindings'),
      ]),
    );
    expect(outside).toEqual([]);
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
