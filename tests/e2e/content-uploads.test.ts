import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createUser } from '../support/app.js';
import { browserSession, checkPage, press, startSignedIn, visit } from './support.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-e2e-uploads-'));
const session = browserSession({ HEARTH_DATA_DIR: dataDir });
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('content in a browser: uploads', () => {
  it('lets an editor upload a file, copy its address, and delete it, without JavaScript', async (t) => {
    const editor = await createUser(session.server.app, { roles: ['editor'] });
    const page = await session.visitor(t, { javaScriptEnabled: false });
    await startSignedIn(page, session.server, editor);
    await visit(page, '/admin/content/uploads');

    await press(page, 'Upload');
    await checkPage(page);
    assert.match((await page.locator('.govuk-error-summary').textContent()) ?? '', /Select a file/);

    await page.getByLabel('Title').fill('Family group conferences (fictional leaflet)');
    await page.getByLabel('File').setInputFiles({
      name: 'leaflet.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\nA fictional leaflet.\n'),
    });
    await press(page, 'Upload');
    await checkPage(page);
    assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /File uploaded/);
    const href = await page.getByRole('link', { name: 'Family group conferences (fictional leaflet)' }).getAttribute('href');
    assert.match(String(href), /^\/uploads\/[0-9a-f-]+-pdf\.pdf$/);
    assert.equal((await page.request.get(String(href))).status(), 200);

    await press(page, 'Delete Family group conferences (fictional leaflet)');
    await checkPage(page);
    assert.match((await page.locator('.govuk-notification-banner').textContent()) ?? '', /File deleted/);
    assert.equal(await page.getByRole('link', { name: 'Family group conferences (fictional leaflet)' }).count(), 0);
    assert.equal((await page.request.get(String(href))).status(), 404);
  });
});
