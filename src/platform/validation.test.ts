import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineForm, text } from './validation.js';

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
});
