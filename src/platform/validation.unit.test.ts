import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineForm, text, wholeNumber } from './validation.js';

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
});
