import type { FastifyPluginAsync } from 'fastify';

const PUBLIC = { access: 'public' } as const;

/** The advice line as JSON, for other systems (a partner's website showing "open now") and to keep the pages honest. */
export const helplineApiRoutes: FastifyPluginAsync = async (app) => {
  const helpline = app.helpline;

  app.get(
    '/api/v1/advice-line',
    {
      config: PUBLIC,
      schema: {
        tags: ['advice-line'],
        summary: 'The advice line’s number, whether it is open now, and the free callback slots',
        security: [],
        response: {
          200: {
            type: 'object',
            properties: {
              number: { type: 'string' },
              open: { type: 'boolean' },
              statusText: { type: 'string' },
              changesAt: { type: ['string', 'null'], format: 'date-time', description: 'When it next closes (if open) or opens' },
              hours: { type: 'array', items: { type: 'string' } },
              freeSlots: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { startsAt: { type: 'string', format: 'date-time' }, endsAt: { type: 'string', format: 'date-time' } },
                },
              },
            },
          },
        },
      },
    },
    async () => {
      const [line, slots] = await Promise.all([helpline.status(), helpline.freeSlots()]);
      return {
        number: line.number,
        open: line.open,
        statusText: line.statusText,
        changesAt: line.changesAt,
        hours: line.hours,
        freeSlots: slots.map((slot) => ({ startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() })),
      };
    },
  );
};
