import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containsLink, markdownToText, renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('renders headings, lists and links with GOV.UK classes', () => {
    const html = renderMarkdown('## Your rights\n\n- one\n- two\n\n[Family Rights](https://example.org/help)');
    assert.match(html, /<h2 class="govuk-heading-l">Your rights<\/h2>/);
    assert.match(html, /<ul class="govuk-list govuk-list--bullet">/);
    assert.match(html, /<a href="https:\/\/example.org\/help" rel="nofollow noopener noreferrer" class="govuk-link">/);
  });

  const hostile: Array<[string, string]> = [
    ['a script tag', '<script>alert(1)</script>'],
    ['an event handler', '<img src=x onerror=alert(1)>'],
    ['a javascript: link', '[click](javascript:alert(1))'],
    ['an encoded javascript: link', '[click](jav&#x09;ascript:alert(1))'],
    ['a data: link', '[click](data:text/html;base64,PHNjcmlwdD4=)'],
    ['a vbscript: link', '[x](vbscript:msgbox(1))'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>'],
    ['a style attribute', '<p style="position:fixed">x</p>'],
    ['an svg', '<svg onload=alert(1)><circle/></svg>'],
    ['an image with a javascript src', '![x](javascript:alert(1))'],
    ['a form', '<form action="https://evil.example"><input name=p></form>'],
  ];
  for (const [name, source] of hostile) {
    it(`leaves ${name} inert`, () => {
      const html = renderMarkdown(source);
      assert.doesNotMatch(html, /<(script|iframe|svg|form|input)/i);
      // Escaped markup may still show words like "onerror=" as text; what matters is that no real tag carries them.
      assert.doesNotMatch(html, /<[^>]*\son\w+=/i);
      assert.doesNotMatch(html, /(href|src)="(javascript|data|vbscript):/i);
      assert.doesNotMatch(html, /<[^>]*style=/i);
    });
  }

  it('keeps the words of escaped markup visible as text', () => {
    assert.match(renderMarkdown('<b>bold</b>'), /&lt;b&gt;bold&lt;\/b&gt;/);
  });

  it('gives members no headings or images, and new members no links', () => {
    assert.doesNotMatch(renderMarkdown('## Big', 'post'), /<h2/);
    assert.doesNotMatch(renderMarkdown('![a](https://example.org/a.png)', 'post'), /<img/);
    assert.match(renderMarkdown('[a](https://example.org)', 'post'), /<a /);
    const withoutLinks = renderMarkdown('[a](https://example.org) and https://example.org', 'post-without-links');
    assert.doesNotMatch(withoutLinks, /<a /);
  });

  it('drops control characters', () => {
    assert.equal(renderMarkdown('a\u0000b\u0007c'), '<p class="govuk-body">abc</p>\n');
  });
});

describe('markdownToText', () => {
  it('gives readable plain text', () => {
    assert.equal(markdownToText('## Title\n\nSome *words* & more.'), 'Title\n\nSome words & more.');
  });
});

describe('containsLink', () => {
  it('finds written and bare links', () => {
    assert.equal(containsLink('see [here](https://example.org)'), true);
    assert.equal(containsLink('see https://example.org'), true);
    assert.equal(containsLink('see www.example.org'), true);
    assert.equal(containsLink('no links at all.'), false);
  });
});
