import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { csvCell, csvTable, parseCsv, toCsv } from './csv.js';

const cellsOf = (text: string) => {
  const parsed = parseCsv(text);
  assert.ok('records' in parsed, 'parses');
  return parsed.records.map((record) => record.cells);
};

describe('CSV', () => {
  it('quotes only where needed and neutralises cells a spreadsheet would run', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a, b'), '"a, b"');
    assert.equal(csvCell('say "hello"'), '"say ""hello"""');
    assert.equal(csvCell('=HYPERLINK("http://example.org")'), `"'=HYPERLINK(""http://example.org"")"`);
    for (const start of ['+', '-', '@', '\t']) assert.ok(csvCell(`${start}1`).startsWith(`'`) || csvCell(`${start}1`).startsWith(`"'`));
    assert.equal(
      toCsv([
        ['a', 'b'],
        ['1', '2'],
      ]),
      'a,b\r\n1,2\r\n',
    );
  });

  it('reads quoted commas, doubled quotes, line breaks in cells, CRLF and LF, a byte-order mark and blank lines', () => {
    assert.deepEqual(cellsOf('\uFEFFa,b\r\n"1, one","say ""hi"""\n"two\nlines",x\n\n'), [
      ['a', 'b'],
      ['1, one', 'say "hi"'],
      ['two\nlines', 'x'],
    ]);
    assert.deepEqual(cellsOf('a,,c'), [['a', '', 'c']], 'empty cells are kept');
  });

  it('refuses broken quoting with the line it is on, rather than guessing', () => {
    assert.deepEqual(parseCsv('a\n"never closed,\nx'), { problem: { line: 2, text: 'A quoted cell is never closed' } });
    const stray = parseCsv('a,b\nx,y"z\n');
    assert.ok('problem' in stray && stray.problem.line === 2 && /quote in the middle/.test(stray.problem.text));
    const after = parseCsv('"a"b,c');
    assert.ok('problem' in after && /follows a closing quote/.test(after.problem.text));
  });

  it('reads back whatever it writes, except the apostrophe that guards a formula', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é', '1') });
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const guarded = rows.map((row) => row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)));
        assert.deepEqual(cellsOf(toCsv(rows)), guarded);
      }),
    );
  });

  it('maps a table by its header, whatever the case and spacing of the column names', () => {
    const table = csvTable('Child_ID , Date\n c1 ,2026-01-02\n', ['child_id', 'date']);
    assert.deepEqual(table, { rows: [{ line: 2, values: { child_id: 'c1', date: '2026-01-02' } }] });
    assert.deepEqual(csvTable('child_id\nc1\n', ['child_id', 'date']), {
      problem: { line: 1, text: 'The header row has no date column' },
    });
    assert.deepEqual(csvTable('a,b\n1\n', ['a']), { problem: { line: 2, text: 'This row has 1 cells; the header has 2' } });
    assert.deepEqual(csvTable('', ['a']), { problem: { line: 1, text: 'The file is empty: it needs a header row' } });
  });
});
