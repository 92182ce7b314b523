import type { FastifyPluginAsync } from 'fastify';
import { Dictionary, RawValue, typed } from '../../../platform/schemas.js';
import type { FieldError } from '../../../platform/validation.js';
import { EDITORS, FlowParams, flowNotFound, slugParam } from './common.js';
import { answerProblem, answersOnPath, evaluate, visibleBlocks, type Evaluation } from '../engine/evaluate.js';
import { optionsOf, type Answers, type FlowDefinition, type Question } from '../engine/flow-types.js';

const IGNORED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** `answers[who-called]=school&answers[worries]=a&answers[worries]=b` → { "who-called": "school", worries: ["a", "b"] }. */
export function answersFromQuery(query: unknown): Answers {
  const answers: Answers = {};
  const put = (id: string, raw: unknown) => {
    if (IGNORED_KEYS.has(id)) return;
    const values = [raw].flat().filter((v): v is string => typeof v === 'string');
    if (values.length === 0) return;
    answers[id] = values.length === 1 ? values[0]! : values;
  };
  if (!query || typeof query !== 'object') return answers;
  for (const [key, raw] of Object.entries(query)) {
    const match = /^answers\[([^\]]+)\]$/.exec(key);
    if (match) put(match[1]!, raw);
    else if (key === 'answers' && raw && typeof raw === 'object' && !Array.isArray(raw)) {
      for (const [id, value] of Object.entries(raw)) put(id, value);
    }
  }
  return answers;
}

const fieldId = (questionId: string) => `answer-${questionId}`;

function previewHref(slug: string, answers: Answers, published: boolean): string {
  const params = new URLSearchParams();
  if (published) params.set('from', 'published');
  for (const [id, value] of Object.entries(answers)) for (const v of [value].flat()) params.append(`answers[${id}]`, v);
  const query = params.toString();
  return `/admin/flows/${slug}/preview${query ? `?${query}` : ''}`;
}

function answerText(question: Question, value: string | string[]): string {
  const options = optionsOf(question);
  if (options.length === 0) return [value].flat().join(', ') + (question.suffix ? ` ${question.suffix}` : '');
  return [value]
    .flat()
    .map((v) => options.find((o) => o.value === v)?.label ?? v)
    .join(', ');
}

/** What the template needs to draw the question as the family would see it. */
function questionView(id: string, question: Question, answer: string | string[] | undefined) {
  const kind = question.kind === 'multiple' ? 'checkboxes' : question.kind === 'date' || question.kind === 'number' ? 'input' : 'radios';
  return {
    id,
    fieldId: fieldId(id),
    name: `answers[${id}]`,
    kind,
    question,
    value: Array.isArray(answer) ? answer[0] : answer,
    values: [answer ?? []].flat(),
    items: optionsOf(question).map((o) => ({ value: o.value, text: o.label, ...(o.hint ? { hint: { text: o.hint } } : {}) })),
  };
}

/**
 * Lets an editor walk any path through a flow exactly as `evaluate` will, one question at a time, with plain GET
 * forms so it works without JavaScript. The answers live only in the address: nothing is counted or stored.
 */
export const flowPreviewRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const flows = app.adviceFlows;

  app.get(
    '/admin/flows/:slug/preview',
    // Any answer to any question can be in the query: the flow decides which are read.
    { config: EDITORS, schema: { params: FlowParams, querystring: Dictionary(RawValue) } },
    async (request, reply) => {
      const slug = slugParam(request.params);
      const flow = await flows.forEditing(slug);
      if (!flow?.definition) throw flowNotFound();
      const query = request.query;
      const published = flow.publishedVersion !== null ? await flows.version(slug, flow.publishedVersion) : null;
      const usePublished = query.from === 'published' && published !== null;
      const definition: FlowDefinition = usePublished ? published.definition : flow.definition;

      const typed = answersFromQuery(query);
      let answers = typed;
      const errors: FieldError[] = [];
      let result: ReturnType<typeof evaluate>;
      try {
        result = evaluate(definition, answers);
        if ('problems' in result) {
          for (const problem of result.problems) {
            const question = Object.hasOwn(definition.questions, problem.question) ? definition.questions[problem.question] : undefined;
            errors.push({
              field: question ? fieldId(problem.question) : 'preview-answers',
              text: `${question?.text ?? problem.question}: ${problem.problem}`,
            });
          }
          // Show the first question with a wrong answer again, with its error, as the family would see it.
          const refused = new Set(result.problems.map((p) => p.question));
          answers = Object.fromEntries(Object.entries(answers).filter(([id]) => !refused.has(id)));
          result = evaluate(definition, answers);
        }
      } catch (error) {
        // Only an unchecked flow can get here; say what went wrong rather than fail the page.
        const text = error instanceof Error ? error.message : String(error);
        return reply
          .code(400)
          .page('advice-flows/admin/preview.njk', { slug, definition, errors: [{ field: 'preview-answers', text }], steps: [] });
      }
      const evaluation = result as Evaluation;
      if (evaluation.kind === 'question' && query.asked === evaluation.id && errors.length === 0) {
        errors.push({
          field: fieldId(evaluation.id),
          text: `${evaluation.question.text}: ${answerProblem(evaluation.question, undefined)}`,
        });
      }

      const kept = answersOnPath(answers, evaluation.path);
      const steps = evaluation.path.map((id, index) => {
        const question = definition.questions[id]!;
        const before = answersOnPath(answers, evaluation.path.slice(0, index));
        return { id, text: question.text, answer: answerText(question, answers[id]!), changeHref: previewHref(slug, before, usePublished) };
      });
      const hidden = Object.entries(kept).flatMap(([id, value]) => [value].flat().map((v) => ({ name: `answers[${id}]`, value: v })));

      return reply.code(errors.length > 0 ? 400 : 200).page('advice-flows/admin/preview.njk', {
        slug,
        definition,
        source: usePublished
          ? `Published version ${published.version}`
          : flow.draft
            ? 'Draft'
            : `Published version ${flow.publishedVersion}`,
        otherSourceHref: flow.draft && published ? previewHref(slug, {}, !usePublished) : null,
        otherSourceText: usePublished ? 'Preview the draft instead' : 'Preview the published version instead',
        usePublished,
        errors,
        steps,
        hidden,
        startAgainHref: previewHref(slug, {}, usePublished),
        current: evaluation.kind === 'question' ? questionView(evaluation.id, evaluation.question, typed[evaluation.id]) : null,
        outcome:
          evaluation.kind === 'outcome'
            ? {
                id: evaluation.id,
                ...evaluation.outcome,
                visible: app.adviceFlows.outcomeBlocks(evaluation.outcome, kept),
                sources: app.adviceFlows.outcomeSources(evaluation.outcome, kept),
                hiddenCount: evaluation.outcome.blocks.length - visibleBlocks(evaluation.outcome, kept).length,
              }
            : null,
      });
    },
  );
};
