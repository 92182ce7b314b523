import { questionsOf, type Framework } from '../framework/format.js';
import type { GradeEntry } from '../queries.js';

/** A domain's grade in one assessment: the mean of its questions' grades, to one decimal place; null if none is graded. */
export function domainScores(framework: Framework, grades: Record<string, GradeEntry>): Record<string, number | null> {
  const questions = questionsOf(framework);
  return Object.fromEntries(
    framework.domains.map((domain) => {
      const given = questions.filter((q) => q.domain === domain.key && grades[q.key]).map((q) => grades[q.key]!.grade);
      const mean = given.length === 0 ? null : Math.round((given.reduce((a, b) => a + b, 0) / given.length) * 10) / 10;
      return [domain.key, mean];
    }),
  );
}

export interface ChangePoint {
  label: string;
  scores: Record<string, number | null>;
}

export interface ChangeChart {
  width: number;
  height: number;
  grades: { label: string; y: number }[];
  columns: { x: number; label: string }[];
  lines: { key: string; title: string; colour: string; dash: string; path: string; points: { x: number; y: number; label: string }[] }[];
}

const WIDTH = 960;
const LEFT = 190;
const RIGHT = 40;
const TOP = 20;
const ROW = 60;
// Colours of the GOV.UK palette that keep a 3:1 contrast on white, with dashes so that colour is never the only cue.
const STYLES = [
  { colour: '#1d70b8', dash: '' },
  { colour: '#d4351c', dash: '8 4' },
  { colour: '#00703c', dash: '2 4' },
  { colour: '#4c2c92', dash: '12 4 2 4' },
  { colour: '#6f3a00', dash: '4 4' },
  { colour: '#505a5f', dash: '16 6' },
];
export const GRADE_WORDS = ['Needs met well', 'Needs mostly met', 'Needs often not met', 'Needs seldom met'];

/**
 * Where each domain's grade sits on the change chart the assessments page draws as SVG: one column per assessment,
 * oldest on the left, grade 1 at the top. Pure, so it is tested without a page; the page shows the same numbers in a
 * table, which remains the way to read them.
 */
export function changeChart(domains: readonly { key: string; title: string }[], points: readonly ChangePoint[]): ChangeChart | null {
  if (points.length === 0) return null;
  const step = points.length === 1 ? 0 : (WIDTH - LEFT - RIGHT) / (points.length - 1);
  const x = (i: number) => Math.round((points.length === 1 ? (LEFT + WIDTH - RIGHT) / 2 : LEFT + i * step) * 10) / 10;
  const y = (grade: number) => Math.round((TOP + (grade - 1) * ROW) * 10) / 10;
  return {
    width: WIDTH,
    height: TOP + 3 * ROW + 50,
    grades: GRADE_WORDS.map((words, i) => ({ label: `${i + 1} ${words}`, y: y(i + 1) })),
    columns: points.map((p, i) => ({ x: x(i), label: p.label })),
    lines: domains.map((domain, d) => {
      const style = STYLES[d % STYLES.length]!;
      const marks = points.flatMap((p, i) => {
        const score = p.scores[domain.key];
        return score === null || score === undefined ? [] : [{ x: x(i), y: y(score), label: `${domain.title}, ${p.label}: ${score}` }];
      });
      const path = marks.map((m, i) => `${i === 0 ? 'M' : 'L'}${m.x} ${m.y}`).join(' ');
      return { key: domain.key, title: domain.title, ...style, path, points: marks };
    }),
  };
}
