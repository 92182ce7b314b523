import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { sendProblem } from '../../../platform/errors.js';
import { OneOf, problems, typed } from '../../../platform/schemas.js';
import { parseDay } from '../../../platform/time.js';
import { PRACTICE_READERS } from '../access.js';
import { calendarOf } from '../../../platform/calendar/calendar.js';
import { CALENDAR_FIRST_DAY, CALENDAR_LAST_DAY } from '../../../platform/calendar/bank-holidays.js';
import { NATIONS } from '../../../platform/calendar/nations.js';

/** The furthest a caller may count, either way: four years of working days, far beyond any statutory timescale. */
export const MOST_WORKING_DAYS = 1000;

/** `GET /api/v1/practice/working-days`: a day so many working days on, by the bank holidays of England or Wales. */
export const workingDaysApi: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  app.get(
    '/api/v1/practice/working-days',
    {
      config: PRACTICE_READERS,
      schema: {
        tags: ['practice'],
        summary: 'The day a number of working days after (or before) another, by a nation’s bank holidays',
        description:
          `Day 0 is \`from\` itself and is never counted: \`add=1\` from a Friday is the Monday. A negative \`add\` counts back. ` +
          `The bundled bank holidays run from ${CALENDAR_FIRST_DAY} to ${CALENDAR_LAST_DAY}; a count that leaves them is a 422.`,
        querystring: Type.Object({
          from: Type.String({ description: 'The day to count from, YYYY-MM-DD', examples: ['2026-12-24'] }),
          add: Type.Integer({ minimum: -MOST_WORKING_DAYS, maximum: MOST_WORKING_DAYS, description: 'Working days to add' }),
          nation: OneOf(NATIONS, { description: 'Whose bank holidays to skip' }),
        }),
        response: { 200: Type.Object({ date: Type.String({ format: 'date' }) }), ...problems(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const { from, add, nation } = request.query;
      if (!parseDay(from)) {
        return sendProblem(reply, {
          status: 400,
          title: 'Not a day',
          detail: '`from` must be a real day written YYYY-MM-DD, such as 2026-12-24.',
          kind: 'validation',
          errors: [{ field: 'from', text: 'Enter a real day as YYYY-MM-DD' }],
        });
      }
      const moved = calendarOf(nation).addWorkingDays(from, add);
      if (moved.ok) return { date: moved.date };
      return sendProblem(reply, {
        status: 422,
        title: 'Outside the calendar',
        detail: `Hearth knows the bank holidays from ${CALENDAR_FIRST_DAY} to ${CALENDAR_LAST_DAY} only, and this count leaves them.`,
        kind: 'outside-calendar',
      });
    },
  );
};
