/**
 * A small seeded random source (sfc32, seeded through a string hash), so that the same seed always builds the same
 * synthetic authority: a test can name a child the generator made and find it again. Not for anything secret.
 */
export interface Random {
  /** In [0, 1). */
  next(): number;
  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One of the items, each as likely as its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T;
  /** A version 4 UUID made of this source's numbers. */
  uuid(): string;
}

function hashSeed(seed: string): [number, number, number, number] {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  const next = () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return (h ^= h >>> 16) >>> 0;
  };
  return [next(), next(), next(), next()];
}

// Two hex digits for each byte, looked up rather than formatted: a large authority needs millions of ids.
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const hex4 = (n: number) => HEX[(n >>> 8) & 255]! + HEX[n & 255]!;
const hex8 = (n: number) => hex4(n >>> 16) + hex4(n);

export function seededRandom(seed: string | number): Random {
  let [a, b, c, d] = hashSeed(String(seed));
  const uint32 = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const result = (t + d) | 0;
    c = (c + result) | 0;
    return result >>> 0;
  };
  const next = () => uint32() / 4294967296;
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted(choices) {
      let roll = next() * choices.reduce((sum, [, weight]) => sum + weight, 0);
      for (const [choice, weight] of choices) {
        roll -= weight;
        if (roll < 0) return choice;
      }
      return choices[choices.length - 1]![0];
    },
    uuid() {
      const [w1, w2, w3, w4] = [uint32(), uint32(), uint32(), uint32()];
      const version = (w2 & 0x0fff) | 0x4000;
      const variant = ((w3 >>> 16) & 0x3fff) | 0x8000;
      return `${hex8(w1)}-${hex4(w2 >>> 16)}-${hex4(version)}-${hex4(variant)}-${hex4(w3)}${hex8(w4)}`;
    },
  };
  // Warm the state away from the seed's hash.
  for (let i = 0; i < 12; i++) uint32();
  return random;
}
