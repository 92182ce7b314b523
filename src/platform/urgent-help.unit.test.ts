import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { URGENT_HELP, telHref } from './urgent-help.js';
import { createViewEnvironment } from './views.js';

describe('urgent help', () => {
  it('names every service a family in England or Wales may need at once, with the right numbers', () => {
    const text = URGENT_HELP.map((c) => `${c.name}: ${c.phone ?? ''} ${c.how}`).join('\n');
    for (const expected of [
      '999',
      'emergency duty team',
      '116 123',
      'National Domestic Abuse Helpline (England): 0808 2000 247',
      'Live Fear Free (Wales): 0808 80 10 800',
      'NSPCC helpline: 0808 800 5000',
    ]) {
      assert.ok(text.includes(expected), `missing "${expected}"`);
    }
  });

  it('dials the number whatever its spacing', () => {
    assert.equal(telHref('0808 80 10 800'), 'tel:08088010800');
    assert.equal(telHref('116 123'), 'tel:116123');
  });

  it('renders the one list, with tel: links, through the platform partial that every module imports', () => {
    const env = createViewEnvironment([]);
    const html = env.renderString(
      '{% from "partials/urgent-help.njk" import urgentHelpSection %}{{ urgentHelpSection([{ name: "Our advice line", how: "Talk to us", href: "/advice-line" }]) }}',
      {},
    );
    assert.match(html, /id="urgent-help"/);
    for (const contact of URGENT_HELP) {
      assert.ok(html.includes(contact.name.replace('’', '&rsquo;')) || html.includes(contact.name), contact.name);
      if (contact.phone) assert.ok(html.includes(`href="${telHref(contact.phone)}"`), contact.phone);
    }
    assert.match(html, /<a class="govuk-link" href="\/advice-line">Talk to us<\/a>/);
  });
});
