import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { SITE_DESCRIPTION, templateDescriptions } from './page-descriptions.js';

describe('the fallback meta description of a template', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-descriptions-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  const viewsOf = (name: string) => {
    const dir = path.join(root, name);
    fs.mkdirSync(path.join(dir, name), { recursive: true });
    fs.writeFileSync(path.join(dir, name, 'page.njk'), '');
    return dir;
  };

  it('is the description of the module whose views hold it, else the site’s', () => {
    const fallback = templateDescriptions([
      { viewsDir: viewsOf('first'), description: 'The first module’s pages.' },
      { viewsDir: viewsOf('second'), description: 'The second module’s pages.' },
    ]);
    assert.equal(fallback('first/page.njk'), 'The first module’s pages.');
    assert.equal(fallback('second/page.njk'), 'The second module’s pages.');
    assert.equal(fallback('layout.njk'), SITE_DESCRIPTION, 'the platform’s own views come first, as Nunjucks finds them');
    assert.equal(fallback('nowhere/page.njk'), SITE_DESCRIPTION);
  });
});
