import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../../../platform/errors.js';
import type { Static } from 'typebox';
import { rawFields } from '../../../platform/schemas.js';
import { endSession } from '../../../platform/sessions.js';
import { answerFrom, controlFor, problemWith, summaryRows, typedFrom, type SentAnswer } from './answers.js';
import type { FieldError } from '../../../platform/validation.js';
import {
  endJourney,
  finishedOf,
  forgetAllGuidedAdvice,
  forgetFinished,
  journeyOf,
  keepFinished,
  keepJourney,
  mayOpen,
  outcomeAsShown,
  placeAfter,
  placeOf,
  previousOf,
  snapshotOf,
  walk,
  type Journey,
  type Place,
} from './journey.js';
import { answersOnPath, type Evaluation } from '../engine/evaluate.js';
import type { PublishedFlow } from '../service.js';
import type { Question } from '../engine/flow-types.js';

/** Where "Exit this page" ends up: a neutral site that says nothing about what the family was reading. */
export const NEUTRAL_SITE = 'https://www.bbc.co.uk/weather';

type SlugParams = { slug: string };
type QuestionParams = { slug: string; questionId: string };

const PUBLIC = { access: 'public' } as const;
/** Pages every visitor sees alike: no form, no session, so the page cache may keep them. */
const PUBLIC_CACHED = { access: 'public', publicCache: true } as const;

const base = (slug: string) => `/advice/guided/${encodeURIComponent(slug)}`;
const questionUrl = (slug: string, id: string, fromCheckPage = false) =>
  `${base(slug)}/questions/${encodeURIComponent(id)}${fromCheckPage ? '?change=1' : ''}`;
const urlOf = (slug: string, place: Place, fromCheckPage = false) =>
  place.kind === 'question' ? questionUrl(slug, place.id, fromCheckPage) : `${base(slug)}/check`;

function notFound(): HttpError {
  return new HttpError(404, 'Page not found', 'There is no guided advice at this address. Check the web address is correct.', 'not-found');
}

const fromCheckPage = (query: { change?: unknown }) => query.change === '1';
const ChangeQuery = rawFields('change');

/**
 * Guided advice for families: one question per page, "check your answers", then advice for their situation. Every
 * page works without JavaScript. The answers stay in the family's session and are counted only as anonymous totals.
 */
export const familyFlowRoutes: FastifyPluginAsync = async (app) => {
  const flows = app.adviceFlows;

  async function publishedOr404(slug: string): Promise<PublishedFlow> {
    const flow = await flows.published(slug);
    if (!flow) throw notFound();
    return flow;
  }

  /** The family's journey with the version of the flow they started. Null if there is none, or it cannot go on. */
  async function journeyWithFlow(request: FastifyRequest, slug: string) {
    const journey = journeyOf(request, slug);
    if (!journey) return null;
    const flow = await flows.version(slug, journey.version);
    const evaluation = flow ? walk(flow.definition, journey.answers) : null;
    if (!flow || !evaluation) {
      endJourney(request, slug);
      return null;
    }
    return { journey, flow, evaluation };
  }

  /** Someone who has not answered anything yet may see and answer the first question of the published version. */
  async function beforeTheFirstAnswer(slug: string, questionId: string) {
    const flow = await publishedOr404(slug);
    if (questionId !== flow.definition.firstQuestion) return null;
    return { journey: null, flow, evaluation: walk(flow.definition, {})! };
  }

  async function begin(request: FastifyRequest, flow: PublishedFlow): Promise<Journey> {
    const journey: Journey = { version: flow.version, answers: {} };
    keepJourney(request, flow.slug, journey);
    forgetFinished(request, flow.slug);
    await flows.count(flow.slug, flow.version, 'start', 'started');
    // The first question is reached by starting, so that the counts of every question read the same way.
    await flows.count(flow.slug, flow.version, flow.definition.firstQuestion, 'reached');
    return journey;
  }

  /**
   * Many families see a question exactly alike: before answering it, or having picked one of its fixed options. A
   * typed date or number could take endless values, so those pages are always rendered afresh.
   */
  function sharedByManyFamilies(question: Question, typed: SentAnswer['typed']) {
    const unanswered =
      typeof typed === 'string' ? typed === '' : Array.isArray(typed) ? typed.length === 0 : !typed.day && !typed.month && !typed.year;
    return unanswered || !(question.kind === 'date' || question.kind === 'number');
  }

  function renderQuestion(
    reply: FastifyReply,
    view: { flow: PublishedFlow; questionId: string; evaluation: Evaluation; typed: SentAnswer['typed']; change: boolean },
    errors?: FieldError[],
  ) {
    const { flow, questionId, evaluation, change } = view;
    const question = flow.definition.questions[questionId]!;
    const previous = previousOf(evaluation, questionId);
    const back = change ? `${base(flow.slug)}/check` : previous ? questionUrl(flow.slug, previous) : base(flow.slug);
    const context = {
      flow: flow.definition,
      question,
      control: controlFor(question, view.typed, errors),
      action: questionUrl(flow.slug, questionId, change),
      back,
      errors,
    };
    if (errors || !sharedByManyFamilies(question, view.typed)) return reply.page('advice-flows/guided/question.njk', context);
    // Everything the page shows follows from these, and a published version never changes.
    const sharedAs = JSON.stringify([flow.slug, flow.version, questionId, previous ?? null, change, view.typed]);
    return reply.page('advice-flows/guided/question.njk', context, { sharedAs });
  }

  app.get('/advice/guided', { config: PUBLIC_CACHED }, async (_request, reply) => {
    const published = await flows.listPublished();
    return reply.page('advice-flows/guided/list.njk', {
      flows: published.map((f) => ({ href: base(f.slug), title: f.definition.title, summary: f.definition.summary })),
    });
  });

  app.get('/advice/guided/leave', { config: PUBLIC }, async (request, reply) => {
    forgetAllGuidedAdvice(request);
    // With nothing else in it (nobody signed in), the session itself goes too, cookie and all.
    if (!request.principal && Object.keys(request.session.data).length === 0) await endSession(request, reply, app.services.sessions);
    reply.header('cache-control', 'no-store');
    return reply.redirect(NEUTRAL_SITE, 303);
  });

  app.get<{ Params: SlugParams }>('/advice/guided/:slug', { config: PUBLIC_CACHED }, async (request, reply) => {
    const flow = await publishedOr404(request.params.slug);
    // "Start now" is a link to the first question rather than a form: this page is the same for everyone and cached,
    // so it carries no CSRF token and sets no cookie. The journey begins when the first answer is sent.
    return reply.page('advice-flows/guided/start.njk', {
      flow: flow.definition,
      firstQuestion: questionUrl(flow.slug, flow.definition.firstQuestion),
    });
  });

  app.post<{ Params: SlugParams }>('/advice/guided/:slug/start', { config: PUBLIC }, async (request, reply) => {
    const flow = await publishedOr404(request.params.slug);
    await begin(request, flow);
    return reply.redirect(questionUrl(flow.slug, flow.definition.firstQuestion), 303);
  });

  app.get<{ Params: QuestionParams; Querystring: Static<typeof ChangeQuery> }>(
    '/advice/guided/:slug/questions/:questionId',
    { config: PUBLIC, schema: { querystring: ChangeQuery } },
    async (request, reply) => {
      const { slug, questionId } = request.params;
      const state = (await journeyWithFlow(request, slug)) ?? (await beforeTheFirstAnswer(slug, questionId));
      if (!state) return reply.redirect(base(slug), 303);
      const { journey, flow, evaluation } = state;
      if (!mayOpen(evaluation, questionId)) return reply.redirect(urlOf(slug, placeOf(evaluation)), 303);
      const question = flow.definition.questions[questionId]!;
      const typed = typedFrom(question, journey?.answers[questionId]);
      return renderQuestion(reply, { flow, questionId, evaluation, typed, change: fromCheckPage(request.query) });
    },
  );

  app.post<{ Params: QuestionParams; Querystring: Static<typeof ChangeQuery> }>(
    '/advice/guided/:slug/questions/:questionId',
    { config: PUBLIC, schema: { querystring: ChangeQuery } },
    async (request, reply) => {
      const { slug, questionId } = request.params;
      const state = (await journeyWithFlow(request, slug)) ?? (await beforeTheFirstAnswer(slug, questionId));
      if (!state) return reply.redirect(base(slug), 303);
      const { flow, evaluation } = state;
      if (!mayOpen(evaluation, questionId)) return reply.redirect(urlOf(slug, placeOf(evaluation)), 303);
      const change = fromCheckPage(request.query);
      const question = flow.definition.questions[questionId]!;
      const sent = answerFrom(question, request.body);
      const problem = problemWith(question, sent);
      if (problem) return renderQuestion(reply.code(400), { flow, questionId, evaluation, typed: sent.typed, change }, [problem]);
      // The first answer begins the journey, on the version published now.
      const journey = state.journey ?? (await begin(request, flow));
      const answers = { ...journey.answers, [questionId]: sent.value! };
      keepJourney(request, slug, { version: journey.version, answers });
      await flows.count(slug, journey.version, questionId, 'answered');
      const after = walk(flow.definition, answers);
      if (!after) return reply.redirect(base(slug), 303);
      const next = placeAfter(after, questionId, change);
      if (next.kind === 'question') await flows.count(slug, journey.version, next.id, 'reached');
      return reply.redirect(urlOf(slug, next, change), 303);
    },
  );

  app.get<{ Params: SlugParams }>('/advice/guided/:slug/check', { config: PUBLIC }, async (request, reply) => {
    const { slug } = request.params;
    const state = await journeyWithFlow(request, slug);
    if (!state) return reply.redirect(base(slug), 303);
    const { journey, flow, evaluation } = state;
    if (evaluation.kind === 'question') return reply.redirect(urlOf(slug, placeOf(evaluation)), 303);
    const onPath = answersOnPath(journey.answers, evaluation.path);
    return reply.page('advice-flows/guided/check.njk', {
      flow: flow.definition,
      rows: summaryRows(flow.definition, onPath, evaluation.path, base(slug)),
      back: questionUrl(slug, evaluation.path.at(-1)!),
      action: `${base(slug)}/check`,
    });
  });

  app.post<{ Params: SlugParams }>('/advice/guided/:slug/check', { config: PUBLIC }, async (request, reply) => {
    const { slug } = request.params;
    const state = await journeyWithFlow(request, slug);
    if (!state) return reply.redirect(base(slug), 303);
    if (state.evaluation.kind === 'question') return reply.redirect(urlOf(slug, placeOf(state.evaluation)), 303);
    return reply.redirect(`${base(slug)}/outcome`, 303);
  });

  app.get<{ Params: SlugParams }>('/advice/guided/:slug/outcome', { config: PUBLIC }, async (request, reply) => {
    const { slug } = request.params;
    const state = await journeyWithFlow(request, slug);
    if (state) {
      const { journey, evaluation } = state;
      if (evaluation.kind === 'question') return reply.redirect(urlOf(slug, placeOf(evaluation)), 303);
      // The answers go now. Only which blocks were shown stays, so that a refresh or a print still works.
      keepFinished(request, slug, {
        version: journey.version,
        outcomeId: evaluation.id,
        ...snapshotOf(evaluation.outcome, answersOnPath(journey.answers, evaluation.path)),
      });
      endJourney(request, slug);
      await flows.count(slug, journey.version, evaluation.id, 'finished');
    }
    const finished = finishedOf(request, slug);
    if (!finished) return reply.redirect(base(slug), 303);
    const flow = await flows.version(slug, finished.version);
    const outcome = flow?.definition.outcomes[finished.outcomeId];
    if (!flow || !outcome || !Array.isArray(finished.blocks) || !Array.isArray(finished.sources)) {
      forgetFinished(request, slug);
      return reply.redirect(base(slug), 303);
    }
    const asShown = outcomeAsShown(outcome, finished);
    return reply.page('advice-flows/guided/outcome.njk', {
      flow: flow.definition,
      outcomeId: finished.outcomeId,
      outcome,
      blocks: flows.outcomeBlocks(asShown, {}),
      sources: flows.outcomeSources(asShown, {}),
      startAgain: `${base(slug)}/start`,
    });
  });
};
