import { parseWithLines } from './json-lines.js';

/**
 * An assessment framework, as an organisation loads it (docs/assessments.md describes the JSON): the child's needs in
 * domains of questions, each graded 1 to 4 with a descriptor for every grade; and, as a separate layer that is never
 * graded, the family's circumstances, each of which can lead to support being offered.
 */
export interface Framework {
  title: string;
  /** Where the wording comes from, such as the licence an authority holds for a published tool. */
  source?: string;
  domains: Domain[];
  circumstances: Circumstance[];
}

export interface Domain {
  key: string;
  title: string;
  questions: Question[];
}

export interface Question {
  key: string;
  text: string;
  /** What each grade looks like for this question: 1 (needs met well) to 4 (needs seldom met). */
  grades: Record<Grade, string>;
}

export const GRADES = ['1', '2', '3', '4'] as const;
export type Grade = (typeof GRADES)[number];

/** The kinds of help a pressure on the family leads to. The family's circumstances are met with help, never a grade. */
export const SUPPORT_KINDS = ['welfare-rights', 'housing', 'food-and-fuel', 'support-network', 'access-to-services'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

export interface Circumstance {
  key: string;
  title: string;
  /** The question asked of the family, answered yes or no, with a note. */
  question: string;
  support: SupportKind;
  /** What a worker offers when the answer is yes, as a suggestion they can change. */
  supportSuggestion: string;
}

export type FrameworkCheck = { ok: true; framework: Framework } | { ok: false; problems: string[] };

const KEY = /^[a-z][a-z0-9-]{0,39}$/;
const MAX_TEXT = 2000;

/**
 * Checks a framework file, every problem at once, each as "line N: what is wrong and what to write instead", so that
 * whoever wrote the file can put it right in one go.
 */
export function checkFrameworkFile(text: string): FrameworkCheck {
  const parsed = parseWithLines(text);
  if (!parsed.ok) return { ok: false, problems: [`line ${parsed.line}: this is not JSON: ${parsed.problem}`] };
  const problems: string[] = [];
  const problem = (path: string, words: string) => problems.push(`line ${parsed.lineOf(path)}: ${words}`);
  const framework = checkFramework(parsed.value, problem);
  return problems.length > 0 || !framework ? { ok: false, problems } : { ok: true, framework };
}

type Report = (path: string, words: string) => void;
type Obj = Record<string, unknown>;

const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

function textAt(object: Obj, path: string, name: string, report: Report, what: string): string {
  const value = object[name];
  if (typeof value !== 'string' || value.trim() === '') {
    report(`${path}.${name}`, `${what} needs "${name}": some words in quotes`);
    return '';
  }
  if (value.length > MAX_TEXT) report(`${path}.${name}`, `${what}'s "${name}" must be ${MAX_TEXT} characters or fewer`);
  return value.trim();
}

function keyAt(object: Obj, path: string, report: Report, what: string, seen: Set<string>): string {
  const key = object.key;
  if (typeof key !== 'string' || !KEY.test(key)) {
    report(`${path}.key`, `${what} needs a "key" of small letters, digits and hyphens, starting with a letter (such as "physical-care")`);
    return '';
  }
  if (seen.has(key)) report(`${path}.key`, `the key "${key}" is used twice: each domain, question and circumstance needs its own`);
  seen.add(key);
  return key;
}

function unknownMembers(object: Obj, path: string, allowed: readonly string[], report: Report, what: string) {
  for (const name of Object.keys(object)) {
    if (!allowed.includes(name))
      report(`${path}.${name}`, `${what} has "${name}", which a framework does not have (it may have ${allowed.join(', ')})`);
  }
}

function listAt(object: Obj, path: string, name: string, report: Report, what: string): unknown[] {
  const value = object[name];
  if (!Array.isArray(value) || value.length === 0) {
    report(`${path}.${name}`, `${what} needs "${name}": a list in [ ] with at least one entry`);
    return [];
  }
  return value;
}

function checkFramework(value: unknown, report: Report): Framework | null {
  if (!isObject(value)) {
    report('$', 'the file must hold one object in { }, with "title", "domains" and "circumstances"');
    return null;
  }
  const seen = new Set<string>();
  unknownMembers(value, '$', ['title', 'source', 'domains', 'circumstances'], report, 'the framework');
  const title = textAt(value, '$', 'title', report, 'the framework');
  const source = typeof value.source === 'string' ? value.source.trim() : undefined;
  if (value.source !== undefined && typeof value.source !== 'string') report('$.source', '"source" must be words in quotes');
  const domains = listAt(value, '$', 'domains', report, 'the framework').map((domain, i) =>
    checkDomain(domain, `$.domains[${i}]`, report, seen),
  );
  const circumstances = listAt(value, '$', 'circumstances', report, 'the framework').map((c, i) =>
    checkCircumstance(c, `$.circumstances[${i}]`, report, seen),
  );
  return { title, ...(source ? { source } : {}), domains, circumstances };
}

function checkDomain(value: unknown, path: string, report: Report, seen: Set<string>): Domain {
  if (!isObject(value)) {
    report(path, 'each domain must be an object in { } with "key", "title" and "questions"');
    return { key: '', title: '', questions: [] };
  }
  unknownMembers(value, path, ['key', 'title', 'questions'], report, 'a domain');
  const key = keyAt(value, path, report, 'each domain', seen);
  const title = textAt(value, path, 'title', report, `the domain "${key}"`);
  const questions = listAt(value, path, 'questions', report, `the domain "${key}"`).map((q, i) =>
    checkQuestion(q, `${path}.questions[${i}]`, report, seen),
  );
  return { key, title, questions };
}

function checkQuestion(value: unknown, path: string, report: Report, seen: Set<string>): Question {
  const grades = { 1: '', 2: '', 3: '', 4: '' } as Record<Grade, string>;
  if (!isObject(value)) {
    report(path, 'each question must be an object in { } with "key", "text" and "grades"');
    return { key: '', text: '', grades };
  }
  unknownMembers(value, path, ['key', 'text', 'grades'], report, 'a question');
  const key = keyAt(value, path, report, 'each question', seen);
  const text = textAt(value, path, 'text', report, `the question "${key}"`);
  const given = value.grades;
  if (!isObject(given)) {
    report(`${path}.grades`, `the question "${key}" needs "grades": { "1": …, "2": …, "3": …, "4": … }, a descriptor for each grade`);
    return { key, text, grades };
  }
  for (const name of Object.keys(given)) {
    if (!(GRADES as readonly string[]).includes(name))
      report(`${path}.grades.${name}`, `the question "${key}" has a grade "${name}": grades are "1" to "4"`);
  }
  for (const grade of GRADES) {
    const descriptor = given[grade];
    if (typeof descriptor !== 'string' || descriptor.trim() === '') {
      report(`${path}.grades.${grade}`, `the question "${key}" has no descriptor for grade ${grade}: every grade needs one`);
    } else grades[grade] = descriptor.trim();
  }
  return { key, text, grades };
}

function checkCircumstance(value: unknown, path: string, report: Report, seen: Set<string>): Circumstance {
  if (!isObject(value)) {
    report(path, 'each circumstance must be an object in { } with "key", "title", "question", "support" and "supportSuggestion"');
    return { key: '', title: '', question: '', support: 'welfare-rights', supportSuggestion: '' };
  }
  unknownMembers(value, path, ['key', 'title', 'question', 'support', 'supportSuggestion', 'grades'], report, 'a circumstance');
  if (value.grades !== undefined)
    report(`${path}.grades`, 'a circumstance is never graded: poverty is met with support, not counted as neglect');
  const key = keyAt(value, path, report, 'each circumstance', seen);
  const title = textAt(value, path, 'title', report, `the circumstance "${key}"`);
  const question = textAt(value, path, 'question', report, `the circumstance "${key}"`);
  const support = value.support;
  if (typeof support !== 'string' || !(SUPPORT_KINDS as readonly string[]).includes(support)) {
    report(`${path}.support`, `the circumstance "${key}" needs "support", one of ${SUPPORT_KINDS.map((k) => `"${k}"`).join(', ')}`);
  }
  const supportSuggestion = textAt(value, path, 'supportSuggestion', report, `the circumstance "${key}"`);
  return { key, title, question, support: support as SupportKind, supportSuggestion };
}

/** The questions of a framework, each with its domain. */
export const questionsOf = (framework: Framework) => framework.domains.flatMap((d) => d.questions.map((q) => ({ ...q, domain: d.key })));
