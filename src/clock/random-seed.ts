/**
 * A fresh seed for a Database created without one. This is the one place shardline reads real
 * randomness; the seed is exposed (`db.seed`) so any run can be replayed exactly.
 */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x1_0000_0000) >>> 0;
}
