import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateInput, dateInputItems, defineForm, isUuid, parseField, text, uuid, wholeNumber } from './validation.js';

describe('form validation', () => {
  const form = defineForm({ name: text({ label: 'Name', required: 'Enter your name' }) });

  it('treats an object sent where text belongs as not filled in, and keeps no "[object Object]"', () => {
    const result = form.parse({ name: { $ne: '' } });
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.errors, [{ field: 'name', text: 'Enter your name' }]);
    assert.equal(result.values.name, '');
  });

  it('reads numbers sent as JSON as their text', () => {
    const result = form.parse({ name: 42 });
    assert.ok(result.ok);
    assert.equal(result.data.name, '42');
  });

  it('reads a whole number typed or sent as JSON, and says what range it must be in', () => {
    const form = defineForm({ days: wholeNumber({ label: 'The number of days', min: 1, max: 365, required: 'Enter a number of days' }) });
    assert.deepEqual(form.parse({ days: ' 7 ' }), { ok: true, data: { days: 7 }, values: { days: ' 7 ' } });
    assert.deepEqual(form.parse({ days: 365 }), { ok: true, data: { days: 365 }, values: { days: '365' } });
    for (const bad of ['0', '366', '1.5', '-3', '1e2', '٣', 'seven']) {
      const result = form.parse({ days: bad });
      assert.ok(!result.ok && result.errors[0]!.text === 'The number of days must be a whole number from 1 to 365', bad);
    }
    const empty = form.parse({});
    assert.ok(!empty.ok && empty.errors[0]!.text === 'Enter a number of days');
  });

  describe('the GOV.UK date input', () => {
    const form = defineForm({ born: dateInput({ label: 'Date of birth', required: 'Enter date of birth' }) });
    const sent = (day: string, month: string, year: string) => form.parse({ 'born-day': day, 'born-month': month, 'born-year': year });
    const errorOf = (result: ReturnType<typeof sent>) => (result.ok ? null : result.errors[0]);

    it('reads three boxes as one day, and keeps what was typed in each', () => {
      assert.deepEqual(sent('7', '3', '2019'), {
        ok: true,
        data: { born: '2019-03-07' },
        values: { 'born-day': '7', 'born-month': '3', 'born-year': '2019' },
      });
    });

    it('says which boxes are missing, and links to the first of them', () => {
      assert.deepEqual(errorOf(sent('', '', '')), { field: 'born-day', text: 'Enter date of birth' });
      assert.deepEqual(errorOf(sent('7', '', '2019')), {
        field: 'born-month',
        text: 'Date of birth must include a month',
        boxes: ['month'],
      });
      assert.deepEqual(errorOf(sent('', '', '2019')), {
        field: 'born-day',
        text: 'Date of birth must include a day and month',
        boxes: ['day', 'month'],
      });
    });

    it('refuses a day that does not exist, and a year without 4 numbers', () => {
      assert.equal(errorOf(sent('29', '2', '2026'))?.text, 'Date of birth must be a real date');
      assert.equal(errorOf(sent('1', '13', '2026'))?.text, 'Date of birth must be a real date');
      assert.equal(errorOf(sent('x', '1', '2026'))?.text, 'Date of birth must be a real date');
      assert.deepEqual(errorOf(sent('1', '1', '26')), { field: 'born-year', text: 'Year must include 4 numbers', boxes: ['year'] });
      assert.deepEqual(sent('29', '2', '2028').ok, true);
    });

    it('takes one YYYY-MM-DD string from an API client', () => {
      assert.deepEqual(form.parse({ born: '2019-03-07' }), {
        ok: true,
        data: { born: '2019-03-07' },
        values: { 'born-day': '', 'born-month': '', 'born-year': '' },
      });
      assert.equal(errorOf(form.parse({ born: '2019-02-30' }))?.text, 'Date of birth must be a real date');
    });

    it('applies a rule of its own once the date is real, and leaves an optional date empty', () => {
      const future = dateInput({ label: 'The date', check: (day) => (day < '2026-01-01' ? 'The date must be in 2026 or later' : null) });
      assert.deepEqual(parseField(future, 'on', { 'on-day': '1', 'on-month': '1', 'on-year': '2025' }), {
        error: { field: 'on-day', text: 'The date must be in 2026 or later' },
      });
      assert.deepEqual(parseField(future, 'on', {}), { value: null });
    });

    it('marks only the boxes that are wrong', () => {
      const result = sent('7', '', '2019');
      const items = dateInputItems('born', result.values, result.ok ? [] : result.errors);
      assert.deepEqual(
        items.map((item) => [item.name, item.value, item.classes.includes('govuk-input--error')]),
        [
          ['day', '7', false],
          ['month', '', true],
          ['year', '2019', false],
        ],
      );
    });
  });

  it('reads a UUID in any case, and nothing else', () => {
    assert.ok(isUuid('0a1b2c3d-0000-4000-8000-00000000000F'));
    assert.ok(!isUuid('0a1b2c3d-0000-4000-8000-00000000000'));
    assert.ok(!isUuid("' or 1=1 --"));
    const form = defineForm({ team: uuid({ required: 'Choose a team' }) });
    assert.deepEqual(form.parse({ team: '0A1B2C3D-0000-4000-8000-000000000001' }).ok, true);
    const wrong = form.parse({ team: 'north' });
    assert.deepEqual(!wrong.ok && wrong.errors, [{ field: 'team', text: 'Choose a team' }]);
  });
});
