import type { FastifyRequest } from 'fastify';
import { evaluate, visibleBlocks, visibleSources, type Evaluation } from '../engine/evaluate.js';
import type { Answers, Block, FlowDefinition, Outcome } from '../engine/flow-types.js';

/**
 * A family's way through one flow lives only in their server-side session: never in the database tables of this
 * module, never in a log or the audit. Nothing in it says who they are.
 */
export interface Journey {
  /** The version they started: a newer one published meanwhile does not change the questions under them. */
  version: number;
  answers: Answers;
}

/**
 * What is kept once the outcome is shown, so that refreshing or printing it still works: which of the outcome's blocks
 * were shown (the printable snapshot), and nothing of the answers that chose them. An answer can say more about a
 * family than the advice does (a date, how many children), and a session can outlive the family's visit.
 */
export interface Finished {
  version: number;
  outcomeId: string;
  /** Positions in the outcome's blocks, in order. */
  blocks: number[];
  /** Positions in the outcome's sources that these answers showed (some are for one country only). */
  sources: number[];
}

/** The positions of the blocks and sources these answers show, taken once, when the outcome is reached. */
export function snapshotOf(outcome: Outcome, answers: Answers): Pick<Finished, 'blocks' | 'sources'> {
  const positions = <T>(all: readonly T[], shown: Set<T>) => all.flatMap((item, index) => (shown.has(item) ? [index] : []));
  return {
    blocks: positions(outcome.blocks, new Set(visibleBlocks(outcome, answers))),
    sources: positions(outcome.sources, new Set(visibleSources(outcome, answers))),
  };
}

/** The outcome as it was shown: the snapshot's blocks, with no condition left to judge again. */
export function outcomeAsShown(outcome: Outcome, shown: Pick<Finished, 'blocks' | 'sources'>): Outcome {
  const kept = <T extends { when?: unknown }>(all: readonly T[], positions: readonly number[]) =>
    positions.flatMap((index) => {
      const item = all[index];
      if (!item) return [];
      const { when: _decided, ...rest } = item;
      return [rest as T];
    });
  return { ...outcome, blocks: kept<Block>(outcome.blocks, shown.blocks), sources: kept(outcome.sources, shown.sources) };
}

const JOURNEY_PREFIX = 'guided:';
const FINISHED_PREFIX = 'guided-finished:';

export const journeyOf = (request: FastifyRequest, slug: string) => request.session.get<Journey>(JOURNEY_PREFIX + slug);
export const keepJourney = (request: FastifyRequest, slug: string, journey: Journey) => request.session.set(JOURNEY_PREFIX + slug, journey);
export const endJourney = (request: FastifyRequest, slug: string) => request.session.delete(JOURNEY_PREFIX + slug);

export const finishedOf = (request: FastifyRequest, slug: string) => request.session.get<Finished>(FINISHED_PREFIX + slug);
export const keepFinished = (request: FastifyRequest, slug: string, finished: Finished) =>
  request.session.set(FINISHED_PREFIX + slug, finished);
export const forgetFinished = (request: FastifyRequest, slug: string) => request.session.delete(FINISHED_PREFIX + slug);

/** "Exit this page": every trace of guided advice goes from the session, for every flow. */
export function forgetAllGuidedAdvice(request: FastifyRequest): void {
  for (const key of Object.keys(request.session.data)) {
    if (key.startsWith(JOURNEY_PREFIX) || key.startsWith(FINISHED_PREFIX)) request.session.delete(key);
  }
}

/** Where a family goes next: a question, or "check your answers" once an outcome is reached. */
export type Place = { kind: 'question'; id: string } | { kind: 'check' };

/** Walks the flow; null when the stored answers no longer fit it (the journey cannot go on and must start again). */
export function walk(flow: FlowDefinition, answers: Answers): Evaluation | null {
  const evaluation = evaluate(flow, answers);
  return 'problems' in evaluation ? null : evaluation;
}

export function placeOf(evaluation: Evaluation): Place {
  return evaluation.kind === 'question' ? { kind: 'question', id: evaluation.id } : { kind: 'check' };
}

/** A family may open any question they have answered on their current path, and the next one; nothing else. */
export function mayOpen(evaluation: Evaluation, questionId: string): boolean {
  return evaluation.path.includes(questionId) || (evaluation.kind === 'question' && evaluation.id === questionId);
}

/** The page "Back" leads to from a question: the question before it on the path, or null for the start page. */
export function previousOf(evaluation: Evaluation, questionId: string): string | null {
  const index = evaluation.path.indexOf(questionId);
  const before = index === -1 ? evaluation.path.at(-1) : evaluation.path[index - 1];
  return before ?? null;
}

/**
 * After an answer. Going forward normally, the family sees the next question on their path even if it was answered
 * before (they may have come back to change something). Coming from "check your answers", they see only questions
 * the change has made new, then return to the check page.
 */
export function placeAfter(evaluation: Evaluation, answered: string, fromCheckPage: boolean): Place {
  if (!fromCheckPage) {
    const index = evaluation.path.indexOf(answered);
    const following = index === -1 ? undefined : evaluation.path[index + 1];
    if (following) return { kind: 'question', id: following };
  }
  return placeOf(evaluation);
}
