import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../../platform/audit.js';

/** People who never sign in, made straight in the database (no password to hash), for tests that need many. */
export async function makePeople(app: FastifyInstance, count: number): Promise<{ id: string; email: string }[]> {
  const tag = randomBytes(4).toString('hex');
  return app.services.db
    .insertInto('users')
    .values(
      Array.from({ length: count }, (_, i) => ({
        email: `person-${tag}-${i}@example.org`,
        display_name: `Sam Example ${i}`,
        password_hash: null,
        status: 'active' as const,
        updated_at: new Date(),
      })),
    )
    .returning(['id', 'email'])
    .execute();
}

let eventCounter = 0;
/** An event starting `inHours` from now. */
export async function makeEvent(app: FastifyInstance, options: { capacity: number; inHours?: number; title?: string }) {
  eventCounter += 1;
  const startsAt = new Date(Date.now() + (options.inHours ?? 72) * 3_600_000);
  return app.supporters.events.create(
    {
      title: options.title ?? `Test event ${eventCounter} ${randomBytes(3).toString('hex')}`,
      summary: 'A fictional event for tests.',
      description: 'Nothing happens here.',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3_600_000),
      location: 'Online',
      online: true,
      capacity: options.capacity,
    },
    systemActor('tests@example.org'),
  );
}
