import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_FRAMEWORK } from '../framework/default-framework.js';
import { completeContent } from '../sample-content.js';
import { changeChart, domainScores } from './change.js';

describe('assessments: change per domain over time', () => {
  it('grades a domain by the mean of its questions, to one decimal place, and leaves an ungraded one empty', () => {
    const grades = completeContent(DEFAULT_FRAMEWORK, 2).grades;
    grades['food-and-drink'] = { grade: 4, evidence: 'x' };
    delete grades['warmth'];
    delete grades['belonging'];
    const scores = domainScores(DEFAULT_FRAMEWORK, grades);
    assert.equal(scores['physical-care'], 2.7);
    assert.equal(scores['emotional-care'], null);
    assert.equal(scores['health'], 2);
  });

  it('draws one line per domain across the assessments, grade 1 at the top, skipping an empty grade', () => {
    const domains = [
      { key: 'a', title: 'A' },
      { key: 'b', title: 'B' },
    ];
    const chart = changeChart(domains, [
      { label: '1 March 2026', scores: { a: 4, b: null } },
      { label: '1 June 2026', scores: { a: 2, b: 1 } },
    ])!;
    assert.equal(chart.columns.length, 2);
    const [a, b] = chart.lines;
    assert.equal(a!.points.length, 2);
    assert.ok(a!.points[0]!.y > a!.points[1]!.y, 'a better grade is drawn higher');
    assert.equal(b!.points.length, 1);
    assert.match(a!.path, /^M\S+ \S+ L/);
    assert.equal(a!.points[1]!.label, 'A, 1 June 2026: 2');
    assert.notEqual(a!.dash, b!.dash, 'colour is never the only cue');
    assert.equal(changeChart(domains, []), null);
  });
});
