import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { addChild, anEvent, type PracticeWorld, type Someone } from '../../../../tests/support/practice.js';
import { addDays, londonDay } from '../../../platform/time.js';

/**
 * Children for the alerts' tests, each with the events that raise one alert, then the daily run:
 * - `rowan` (the worker's): on a child protection plan for 60 days, never seen alone: not-seen-alone, missed 32 days ago;
 * - `sorrel` (the teammate's, so the worker's team's): a strategy discussion 40 days ago and no conference: missed;
 * - `ash` (the worker's): on a plan for 25 days: not-seen-alone, due soon (in 3 days);
 * - `hazel` (a colleague's, in the south team) and `elm` (another council's), each on a plan for 60 days: missed.
 */
export async function alertsWorld(app: FastifyInstance, world: PracticeWorld) {
  const today = londonDay(new Date());
  const child = async (who: Someone, givenName: string, familyName: string, events: [string, number, string | null][]) => {
    const { id } = await addChild(app, world, who, { givenName, familyName });
    for (const [kind, daysAgo, planType] of events) {
      const recorded = await app.cases.chronology.recordEvent(
        world.viewer(who),
        id,
        anEvent({ kind: kind as never, occurredOn: addDays(today, -daysAgo), planType: planType as never }),
      );
      assert.ok(recorded.ok, JSON.stringify(recorded));
    }
    return id;
  };
  const children = {
    rowan: await child('worker', 'Rowan', 'Fictonby', [['plan-start', 60, 'child-protection']]),
    sorrel: await child('teammate', 'Sorrel', 'Madeupton', [['strategy-discussion', 40, null]]),
    ash: await child('worker', 'Ash', 'Samplefield', [['plan-start', 25, 'child-protection']]),
    hazel: await child('colleague', 'Hazel', 'Testwood', [['plan-start', 60, 'child-protection']]),
    elm: await child('outsider', 'Elm', 'Elsewhereton', [['plan-start', 60, 'child-protection']]),
  };
  await app.oversightAlerts.refreshAll(today);
  return { today, children };
}
