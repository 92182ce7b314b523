import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { claimScheduleCsv, GIFT_AID_WORDING, normalisePostcode, scheduleDate, SCHEDULE_COLUMNS } from './gift-aid.js';

describe('Gift Aid: the declaration and HMRC’s claim schedule', () => {
  it('has the columns of HMRC’s Charities Online schedule, in order', () => {
    const csv = claimScheduleCsv([]);
    assert.equal(
      csv,
      'Title,First name,Last name,House name or number,Postcode,Aggregated donations,Sponsored event,Donation date,Amount\r\n',
    );
    assert.equal(SCHEDULE_COLUMNS.length, 9);
  });

  it('writes each donation as HMRC asks: short title, names, capital postcode with a space, DD/MM/YY, two decimals', () => {
    const csv = claimScheduleCsv([
      {
        title: 'Prof.',
        firstName: 'Sam',
        lastName: 'Example-Smith',
        houseNameOrNumber: 'Rose Cottage, Lane End',
        postcode: 'zz991zz',
        donationDate: '2026-04-06',
        amountPence: 2000,
      },
      {
        title: '',
        firstName: 'Jo',
        lastName: 'Sample',
        houseNameOrNumber: '12',
        postcode: 'S19 2BD',
        donationDate: '2027-01-31',
        amountPence: 105,
      },
    ]);
    const lines = csv.split('\r\n');
    assert.equal(lines[1], 'Prof,Sam,Example Smith,"Rose Cottage, Lane End",ZZ99 1ZZ,,,06/04/26,20.00');
    assert.equal(lines[2], ',Jo,Sample,12,S19 2BD,,,31/01/27,1.05');
    assert.equal(lines[3], '');
    assert.ok(!csv.includes('£'));
  });

  it('neutralises cells a spreadsheet would run as formulas, and caps names at 35 characters', () => {
    const csv = claimScheduleCsv([
      {
        title: '',
        firstName: '=HYPERLINK("http://x")',
        lastName: 'A'.repeat(50),
        houseNameOrNumber: '+1',
        postcode: 'SW1A 1AA',
        donationDate: '2026-11-01',
        amountPence: 1000,
      },
    ]);
    const line = csv.split('\r\n')[1]!;
    assert.ok(line.startsWith(`,"'=HYPERLINK(""http://x"")",${'A'.repeat(35)},'+1,SW1A 1AA`), line);
  });

  it('checks postcodes and dates', () => {
    assert.equal(normalisePostcode(' sw1a1aa '), 'SW1A 1AA');
    assert.equal(normalisePostcode('M1 1AE'), 'M1 1AE');
    assert.equal(normalisePostcode('not a postcode'), null);
    assert.equal(scheduleDate('2026-12-25'), '25/12/26');
  });

  it('declares what HMRC requires: future and past donations, UK taxpayer, and paying any shortfall', () => {
    assert.match(GIFT_AID_WORDING.text, /past 4 years/);
    assert.match(GIFT_AID_WORDING.text, /I am a UK taxpayer/);
    assert.match(GIFT_AID_WORDING.text, /my responsibility to pay any difference/);
  });
});
