// Migration levels for a restore: whether this release can take a backup's level (migrating to exactly that level is
// migrateTo in platform/db/migrate.ts).

/** Why this release (its migrations, `release`) cannot take a backup at `level`, or undefined when it can. */
export function levelProblem(level: string[], release: string[]): string | undefined {
  const unknown = level.filter((name) => !release.includes(name));
  if (unknown.length) return `the backup was taken by a newer release (migrations unknown here: ${unknown.join(', ')}): restore it with that release`;
  const gap = release.slice(0, level.length).findIndex((name, i) => name !== level[i]);
  if (gap >= 0) return `the backup's migrations are not this release's first ${level.length} (differs at ${release[gap]})`;
  return undefined;
}
