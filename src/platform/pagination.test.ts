import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cursorFrom, keysetPagination, numberedPagination, pageNumberFrom } from './pagination.js';

describe('pagination', () => {
  it('reads a cursor only when it can be a key of its kind', () => {
    assert.equal(cursorFrom({ before: '42' }, 'before', 'id'), 42);
    assert.equal(cursorFrom({ before: "1'or'1" }, 'before', 'id'), null);
    assert.equal(cursorFrom({ before: ['7', '8'] }, 'before', 'id'), 7);
    assert.equal(cursorFrom({ before: 'not-a-uuid' }, 'before', 'uuid'), null);
    assert.equal(cursorFrom({}, 'after', 'text'), null);
  });

  it('links newer and older keyset pages with the filters kept', () => {
    assert.equal(
      keysetPagination({ path: '/x', param: 'before', older: null, newer: null, text: { landmark: 'L', newer: 'N', older: 'O' } }),
      null,
    );
    assert.deepEqual(
      keysetPagination({
        path: '/admin/audit',
        filters: { actor: 'ann', action: '' },
        param: 'before',
        older: 51,
        newer: { cursor: null },
        text: { landmark: 'More entries', newer: 'Newer entries', older: 'Older entries' },
      }),
      {
        landmarkLabel: 'More entries',
        previous: { href: '/admin/audit?actor=ann', text: 'Newer entries' },
        next: { href: '/admin/audit?actor=ann&before=51', text: 'Older entries' },
      },
    );
  });

  it('numbers pages the GOV.UK way, with an ellipsis for each gap', () => {
    assert.equal(numberedPagination('/news', 1, 1), null);
    const middle = numberedPagination('/search?q=care', 5, 9, '#results')!;
    assert.deepEqual(
      middle.items!.map((item) => ('ellipsis' in item ? '…' : item.number)),
      [1, '…', 4, 5, 6, '…', 9],
    );
    assert.equal(middle.previous?.href, '/search?q=care&page=4#results');
    assert.equal(pageNumberFrom({ page: '0' }), 1);
    assert.equal(pageNumberFrom({ page: '1e3' }), 1);
    assert.equal(pageNumberFrom({ page: '12' }), 12);
  });
});
