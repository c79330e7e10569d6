/** A seeded property test's seed: `fixed`, unless `variable` names another ("random": a new one). */
export function propertySeed(variable: string, fixed: number): number {
  const given = process.env[variable];
  if (given === "random") return Math.floor(Math.random() * 2 ** 31);
  return given ? Number(given) : fixed;
}
