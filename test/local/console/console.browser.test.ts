import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startConsole, type LocalConsole } from '../../../local/console/console-server';
import { startLocalPipeline, type LocalPipeline } from '../../../local/pipeline';
import { e2eConfig, erpWritesFor, eventually, postOrder, storefrontOrder } from '../../e2e/helpers/harness';

/** Debian's Chromium, which CI installs (`.ci/run`); playwright's own browser download is not used. */
const CHROMIUM = '/usr/bin/chromium';
const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser) console.log(`console browser tests skipped: no browser at ${CHROMIUM} (apt-get install -y chromium)`);

(hasBrowser ? describe : describe.skip)('the local console, in a real browser', () => {
  let pipeline: LocalPipeline;
  let console_: LocalConsole;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [pipeline, console_, browser] = await Promise.all([
      // Logs at INFO: the console's events and timelines are the functions' log lines.
      startLocalPipeline({ config: e2eConfig(), port: 0, logLevel: 'INFO' }),
      startConsole(),
      chromium.launch({ executablePath: CHROMIUM, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] }),
    ]);
    console_.attach(pipeline);
    page = await browser.newPage();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await console_?.close();
    await pipeline?.close();
  });

  /** Reloads a console page until the condition holds on it, as a person pressing F5 would. */
  async function reloadUntil(path: string, condition: () => Promise<boolean>, timeoutMs = 30_000) {
    await eventually(
      `${path} to show it`,
      async () => {
        await page.goto(`${console_.url}${path}`);
        return condition();
      },
      timeoutMs,
    );
  }

  test('lists an event sent during the test, finds it by order id and opens its timeline', async () => {
    const order = storefrontOrder(701);
    const { correlationId } = await postOrder(pipeline, order.body);
    await eventually('the ERP write', () => erpWritesFor(pipeline, order.orderId).length === 1);

    await page.goto(`${console_.url}/events`);
    await page.selectOption('select[name="source"]', 'storefront');
    await page.fill('input[name="q"]', order.orderId);
    await page.click('#filter button[type="submit"]');

    const rows = page.locator('#events tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().textContent()).resolves.toContain('orders/create');
    await page.click(`a[href="/events/${correlationId}"]`);

    const timeline = page.locator('#timeline');
    await expect(timeline.textContent()).resolves.toContain('webhook accepted');
    await reloadUntil(`/events/${correlationId}`, async () =>
      ((await page.locator('#timeline').textContent()) ?? '').includes('connector-erp'),
    );
    await expect(page.locator('#downstream-requests').textContent()).resolves.toContain(`storefront:${order.orderId}`);
  }, 90_000);

  test('after a fault toggled from the page dead-letters an order, a redrive from the page delivers it', async () => {
    const erp = pipeline.downstreams.get('erp')!;
    await page.goto(console_.url);
    await page.click('form[action="/downstreams/erp/faults/errors"] button');
    expect(erp.faults()).toEqual({ errorRate: 1, errorStatus: 503 });

    const order = storefrontOrder(702);
    await postOrder(pipeline, order.body);
    await reloadUntil(
      '/queues',
      async () => ((await page.locator('#dlq-erp').textContent()) ?? '').includes('1 message(s)'),
      60_000,
    );
    await expect(page.locator('main').textContent()).resolves.toContain(`storefront:${order.orderId}`);
    expect(erpWritesFor(pipeline, order.orderId)).toHaveLength(0);

    await page.goto(console_.url);
    await page.click('form[action="/downstreams/erp/faults/clear"] button');
    expect(erp.faults()).toEqual({});
    await page.goto(`${console_.url}/queues`);
    await page.click('form[action="/queues/dlq/erp/redrive"] button');

    await eventually('the redriven order at the ERP', () => erpWritesFor(pipeline, order.orderId).length === 1);
    await reloadUntil('/queues', async () =>
      ((await page.locator('#dlq-erp').textContent()) ?? '').includes('0 message(s)'),
    );
  }, 90_000);

  test('shows what a downstream received (method, path, status, headers, body) and sends a sample webhook', async () => {
    const [latest] = pipeline.downstreams.get('erp')!.received().slice(-1);
    await page.goto(`${console_.url}/downstreams/erp`);
    const firstRow = await page.locator('main table tbody tr').first().textContent();
    expect(firstRow).toContain(`${latest!.method} ${latest!.path}`);
    expect(firstRow).toContain(String(latest!.status));
    expect(firstRow).toContain(`idempotency-key: ${String(latest!.headers['idempotency-key'])}`);
    const [field, value] = Object.entries(JSON.parse(latest!.body) as Record<string, unknown>)[0]!;
    expect(firstRow).toContain(`"${field}": ${JSON.stringify(value)}`);

    await page.goto(console_.url);
    await page.click('form[action="/sources/payments/sample"] button');

    expect(page.url()).toMatch(/\/events\/[\w-]+$/);
    await expect(page.locator('#timeline').textContent()).resolves.toContain('webhook accepted');
  }, 90_000);

  test('the counts on the page are the live view\u2019s', async () => {
    await page.goto(console_.url);
    const delivered = await page.locator('#destination-counts tbody tr', { hasText: 'erp' }).textContent();
    expect(delivered).toMatch(/^erp\d+/);
    expect(delivered).toContain(String(pipeline.metrics.sum('Delivered', { destination: 'erp' })));
  }, 90_000);
});
