import { isFamilyCircumstance, type EventKind } from './event-kinds.js';

export interface TimelineEvent {
  id: string;
  occurredOn: string;
  kind: string;
  significance: string;
  label: string;
}

export interface Timeline {
  width: number;
  height: number;
  lanes: { label: string; y: number }[];
  ticks: { x: number; label: string }[];
  points: { id: string; x: number; y: number; colour: string; label: string }[];
}

const WIDTH = 960;
const LEFT = 150;
const RIGHT = 20;
const LANE_HEIGHT = 36;
const TOP = 16;
// Family circumstances get a lane of their own, apart from the concerns: poverty is not neglect.
const LANES = [
  { key: 'high', label: 'High significance', colour: '#d4351c' },
  { key: 'medium', label: 'Medium significance', colour: '#f47738' },
  { key: 'low', label: 'Low significance', colour: '#1d70b8' },
  { key: 'circumstances', label: 'Family circumstances', colour: '#505a5f' },
] as const;

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/**
 * Where each event sits on the timeline the chronology page draws as SVG: across by date, down by significance. Pure,
 * so it is tested without a page; the page shows the same events in a table, which remains the way to read them.
 */
export function timelineOf(events: readonly TimelineEvent[]): Timeline | null {
  if (events.length === 0) return null;
  const days = events.map((e) => dayNumber(e.occurredOn));
  const first = Math.min(...days);
  const last = Math.max(...days);
  const span = Math.max(last - first, 1);
  const x = (day: number) => Math.round((LEFT + ((day - first) / span) * (WIDTH - LEFT - RIGHT)) * 10) / 10;
  const laneY = (index: number) => TOP + index * LANE_HEIGHT + LANE_HEIGHT / 2;
  const firstYear = Number(events.reduce((a, e) => (e.occurredOn < a ? e.occurredOn : a), events[0]!.occurredOn).slice(0, 4));
  const lastYear = Number(events.reduce((a, e) => (e.occurredOn > a ? e.occurredOn : a), events[0]!.occurredOn).slice(0, 4));
  const ticks = [];
  for (let year = firstYear + 1; year <= lastYear; year += 1) ticks.push({ x: x(dayNumber(`${year}-01-01`)), label: String(year) });
  return {
    width: WIDTH,
    height: TOP + LANES.length * LANE_HEIGHT + 28,
    lanes: LANES.map((lane, i) => ({ label: lane.label, y: laneY(i) })),
    ticks,
    points: mergeClose(
      events.map((event) => {
        const laneIndex = isFamilyCircumstance(event.kind as EventKind) ? 3 : LANES.findIndex((l) => l.key === event.significance);
        const lane = LANES[laneIndex < 0 ? 2 : laneIndex]!;
        return { id: event.id, x: x(dayNumber(event.occurredOn)), y: laneY(LANES.indexOf(lane)), colour: lane.colour, label: event.label };
      }),
    ),
  };
}

// Dots closer than this (in the drawing's units) would sit on one another: they are drawn as one, which says how many.
const MERGE_WITHIN = 4;

/**
 * Events in the same lane that would be drawn on top of each other become one dot whose title names them all (or
 * counts them, beyond a few), so that a chronology of thousands stays a drawing of hundreds.
 */
function mergeClose(points: Timeline['points']): Timeline['points'] {
  const groups = new Map<string, Timeline['points']>();
  for (const point of points) {
    const key = `${point.y} ${Math.round(point.x / MERGE_WITHIN)}`;
    groups.set(key, [...(groups.get(key) ?? []), point]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    if (group.length === 1) return first;
    const label =
      group.length <= 3
        ? group.map((p) => p.label).join('; ')
        : `${group.length} events, from ${group[0]!.label} to ${group.at(-1)!.label}`;
    return { ...first, label };
  });
}
