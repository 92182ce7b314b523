import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DEFAULT_FRAMEWORK } from './default-framework.js';
import { checkFrameworkFile } from './format.js';

const example = readFileSync(new URL('../../../../docs/examples/framework.json', import.meta.url), 'utf8');

describe('assessments: checking a framework file', () => {
  it('accepts the documented example and the default framework', () => {
    const checked = checkFrameworkFile(example);
    assert.ok(checked.ok, JSON.stringify(checked));
    assert.equal(checked.framework.domains[0]!.questions[0]!.grades['4'], 'Seldom.');
    assert.ok(checkFrameworkFile(JSON.stringify(DEFAULT_FRAMEWORK, null, 2)).ok);
  });

  it('names the line of a syntax error', () => {
    const broken = example.replace('"Most days.",', '"Most days."');
    assert.deepEqual(checkFrameworkFile(broken), { ok: false, problems: ['line 15: this is not JSON: expected "," or "}" but found """'] });
    assert.match((checkFrameworkFile('{\n  "title": "x",\n}') as { problems: string[] }).problems[0]!, /^line 3: /);
  });

  it('lists every problem at once, each on its own line, in words that say what to write', () => {
    const wrong = example
      .replace('"3": "Often not.",', '')
      .replace('"key": "comfort"', '"key": "Comfort!"')
      .replace('"support": "welfare-rights",', '"support": "fines",\n      "grades": { "1": "x" },');
    const checked = checkFrameworkFile(wrong);
    assert.ok(!checked.ok);
    assert.deepEqual(checked.problems, [
      'line 12: the question "meals" has no descriptor for grade 3: every grade needs one',
      'line 26: each question needs a "key" of small letters, digits and hyphens, starting with a letter (such as "physical-care")',
      'line 44: a circumstance is never graded: poverty is met with support, not counted as neglect',
      'line 43: the circumstance "income-and-debt" needs "support", one of "welfare-rights", "housing", "food-and-fuel", "support-network", "access-to-services"',
    ]);
  });

  it('refuses a key used twice, a missing list, and members a framework does not have', () => {
    const checked = checkFrameworkFile(
      JSON.stringify(
        { title: 'T', domains: [{ key: 'a', title: 'A', questions: [] }], circumstances: [{ key: 'a' }], colour: 'red' },
        null,
        2,
      ),
    );
    assert.ok(!checked.ok);
    assert.ok(checked.problems.some((p) => /"colour", which a framework does not have/.test(p)));
    assert.ok(checked.problems.some((p) => /the domain "a" needs "questions"/.test(p)));
    assert.ok(checked.problems.some((p) => /the key "a" is used twice/.test(p)));
    assert.ok(checked.problems.every((p) => /^line \d+: /.test(p)));
    assert.deepEqual(checkFrameworkFile('[]'), {
      ok: false,
      problems: ['line 1: the file must hold one object in { }, with "title", "domains" and "circumstances"'],
    });
  });
});
