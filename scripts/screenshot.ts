// Refreshes docs/screenshot.png, the home page at desktop width, for the README: `npx tsx scripts/screenshot.ts`.
import path from 'node:path';
import { launchBrowser, newPage, startServer, visit } from '../tests/e2e/support.js';

const [server, browser] = await Promise.all([startServer(), launchBrowser()]);
try {
  const page = await newPage(browser, server);
  await visit(page, '/');
  await page.screenshot({ path: path.resolve(import.meta.dirname, '../docs/screenshot.png'), fullPage: true });
  console.log('Saved docs/screenshot.png');
} finally {
  await browser.close();
  await server.close();
}
