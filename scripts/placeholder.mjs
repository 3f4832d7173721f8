#!/usr/bin/env node
// Stands in for npm scripts that are planned but not built yet; says so and fails.

const PLANNED = {
  bench: 9,
};

const name = process.argv[2] ?? '';
const issue = PLANNED[name];
if (issue === undefined) {
  process.stderr.write(
    `scripts/placeholder.mjs: unknown command '${name}' (expected one of: ${Object.keys(PLANNED).join(', ')})\n`,
  );
} else {
  process.stderr.write(`npm run ${name} is not implemented yet (issue ${issue})\n`);
}
process.exit(1);
