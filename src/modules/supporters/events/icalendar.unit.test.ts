import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { calendar, escapeText, foldLine } from './icalendar.js';

const unfold = (text: string) => text.replace(/\r\n /g, '');

describe('iCalendar (RFC 5545)', () => {
  it('ends every line with CRLF, escapes text, and uses UTC times', () => {
    const ics = calendar('Hearth events', [
      {
        uid: 'abc@hearth.test',
        title: 'Lobby; day one, part\\two',
        description: 'Line one\nLine two',
        location: 'Online',
        url: 'https://hearth.test/events/lobby',
        startsAt: new Date('2027-10-05T09:00:00Z'),
        endsAt: new Date('2027-10-05T11:00:00Z'),
      },
    ]);
    assert.ok(ics.endsWith('\r\n'));
    assert.doesNotMatch(ics.replace(/\r\n/g, ''), /[\r\n]/, 'no bare CR or LF');
    const lines = unfold(ics).split('\r\n');
    assert.equal(lines[0], 'BEGIN:VCALENDAR');
    assert.ok(lines.includes('VERSION:2.0'));
    assert.ok(lines.includes('SUMMARY:Lobby\\; day one\\, part\\\\two'));
    assert.ok(lines.includes('DESCRIPTION:Line one\\nLine two'));
    assert.ok(lines.includes('DTSTART:20271005T090000Z'));
    assert.ok(lines.includes('DTEND:20271005T110000Z'));
    assert.ok(lines.includes('UID:abc@hearth.test'));
    assert.match(ics, /DTSTAMP:\d{8}T\d{6}Z/);
  });

  it('folds at 75 octets without splitting a character, and unfolds to the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const line = `DESCRIPTION:${escapeText(text)}`;
        const folded = foldLine(line);
        for (const part of folded.split('\r\n')) assert.ok(Buffer.byteLength(part, 'utf8') <= 75, `"${part}" is too long`);
        assert.equal(unfold(folded), line);
      }),
    );
  });
});
