import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { pdfText } from '../../tests/support/pdf.js';
import { standardFontText, taggedPdf } from './pdf.js';

const DRAWABLE = /^[\n\x20-\x7e\xa0-\xff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]*$/u;

describe('PDF text for the built-in fonts', () => {
  it('keeps what WinAnsi can draw, drops accents it cannot, and marks the rest', () => {
    assert.equal(standardFontText('Zoë’s “café” – £5 €2'), 'Zoë’s “café” – £5 €2');
    assert.equal(standardFontText('Őrs ﬁnds Łukasz'), 'Ors finds ?ukasz');
    assert.equal(standardFontText('中文 😀\u0007\u202e'), '?? ???');
    assert.equal(standardFontText('one\r\ntwo\tthree'), 'one\ntwo three');
  });

  it('gives only drawable text, whatever it is given', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => DRAWABLE.test(standardFontText(text))));
  });

  it('marks every page of a document "page N of M"', async () => {
    const { write, finish } = taggedPdf({ title: 'Test' });
    for (let i = 0; i < 120; i++) write(`Line ${i} 中`, 'P');
    const { pages } = await pdfText(await finish((page, count) => ({ header: 'TOP', footer: `Page ${page} of ${count}` })));
    assert.ok(pages.length > 1);
    pages.forEach((page, index) => assert.match(page, new RegExp(`TOP Page ${index + 1} of ${pages.length}$`)));
    assert.match(pages.join(' '), /Line 119 \?/);
  });
});
