import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

type Rule = { from: string; forbidden: string[]; why: string };

/** The layering: the domain owns its ports; storage, Slack, HTTP and the wiring depend on it, not the reverse. */
const RULES: Rule[] = [
  {
    from: 'src/domain',
    forbidden: ['src/db', 'src/slack', 'src/http', 'src/app', 'src/stripe', 'sandbox', 'test'],
    why: 'the domain declares the ports it needs; storage and gateways implement them',
  },
  {
    from: 'src',
    forbidden: ['sandbox', 'test', 'scripts'],
    why: 'production code never imports the simulators or tests',
  },
];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** Every relative module a file imports (static, dynamic, require, re-export), as a repo path. */
function importsOf(file: string, source: string): string[] {
  const specs = [...source.matchAll(/(?:from|import|require)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map(
    (match) => match[1] as string,
  );
  return specs.map((spec) => path.relative(ROOT, path.resolve(path.dirname(file), spec)));
}

function violations(files: { file: string; source: string }[]): string[] {
  const found: string[] = [];
  for (const { file, source } of files) {
    const own = path.relative(ROOT, file);
    for (const rule of RULES) {
      if (!own.startsWith(`${rule.from}/`)) continue;
      for (const target of importsOf(file, source)) {
        const hit = rule.forbidden.find((area) => target === area || target.startsWith(`${area}/`));
        if (hit) found.push(`${own} imports ${target}: ${rule.why}`);
      }
    }
  }
  return found;
}

describe('import rules', () => {
  it('hold for the whole source tree', () => {
    const files = tsFiles(path.join(ROOT, 'src')).map((file) => ({
      file,
      source: readFileSync(file, 'utf8'),
    }));
    expect(files.length).toBeGreaterThan(50);
    expect(violations(files)).toEqual([]);
  });

  it.each([
    ['src/domain/topups/x.ts', "import type { TopupsStore } from '../../db/repositories/topups';", 'src/db'],
    ['src/domain/x.ts', "import { ACTIONS } from '../slack/ids';", 'src/slack'],
    ['src/domain/batch/x.ts', "export { respond } from '../../http/respond';", 'src/http'],
    ['src/domain/x.ts', "const sim = await import('../../sandbox/stripe');", 'sandbox'],
    ['src/slack/views/x.ts', "import { CAST } from '../../../sandbox/demo/cast';", 'sandbox'],
    ['src/app/x.ts', "const t = require('../../test/support/world');", 'test'],
  ])('catch %s importing %s', (file, source, area) => {
    const found = violations([{ file: path.join(ROOT, file), source }]);
    expect(found.length).toBeGreaterThan(0);
    for (const line of found) expect(line).toContain(`imports ${area}`);
  });

  it('allow the domain its own ports, the clock and the logger', () => {
    const file = path.join(ROOT, 'src/domain/topups/x.ts');
    const source = [
      "import type { TopupsStore } from './ports';",
      "import type { StripeGateway } from '../ports/stripe-gateway';",
      "import { addBusinessDays } from '../../business-days';",
      "import type { Logger } from '../../logger';",
    ].join('\n');
    expect(violations([{ file, source }])).toEqual([]);
  });
});
