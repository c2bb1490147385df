/**
 * `npm run lint:security`: Electronegativity on electron/ and renderer/index.html, scanned together
 * so its CSP check sees the renderer's policy. Electronegativity always exits 0, so its findings
 * are read here and the run fails on any finding resources/security/electronegativity-allow.json
 * does not justify, on a stale entry of that list, and on a file it could not parse.
 * Options: --root DIR (the project, default: the current folder), --allow FILE.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allowListSchema, judgeFindings, type Finding, type Verdict } from './security-findings';

/** What was scanned, relative to the project root. */
const SCANNED = ['electron', 'renderer/index.html'];
const DEFAULT_ALLOW_LIST = 'resources/security/electronegativity-allow.json';
/**
 * Excluded: it downloads Electron's release list, so its answer would depend on the network. The
 * Electron version is kept current by hand (see README, « Electron security »).
 */
const EXCLUDED_CHECKS = ['availablesecurityfixesglobalcheck'];

interface LintReport extends Verdict {
  /** How many of Electronegativity's checks ran. */
  checks: number;
  findings: Finding[];
  unparsed: { file: string; message: string }[];
}

interface RawIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
}
interface RawError {
  file: string;
  message: string;
  tolerable: boolean;
}
type Runner = (
  options: Record<string, unknown>,
) => Promise<{ issues: RawIssue[]; errors: RawError[]; globalChecks: number; atomicChecks: number }>;

/**
 * Electronegativity downloads translations at start: answered "not found" here, it uses the ones
 * it ships, and the scan never reaches the network.
 */
function loadRunner(): Runner {
  const packageDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const got = require.resolve('got', { paths: [packageDir] });
  const offline = () => Promise.resolve({ statusCode: 404, body: '' });
  require.cache[got] = { id: got, filename: got, loaded: true, exports: offline } as unknown as NodeJS.Module;
  return require(packageDir) as Runner;
}

/** The Electron this project installs: the checks that depend on the version use it. */
function electronVersion(): string {
  const manifest = require.resolve('electron/package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

async function lintSecurity(root: string, allowFile = path.join(root, DEFAULT_ALLOW_LIST)): Promise<LintReport> {
  const { allow } = allowListSchema.parse(JSON.parse(readFileSync(allowFile, 'utf8')));
  const staging = mkdtempSync(path.join(os.tmpdir(), 'relais-lint-security-'));
  try {
    for (const entry of SCANNED) cpSync(path.join(root, entry), path.join(staging, entry), { recursive: true });
    const { issues, errors, globalChecks, atomicChecks } = await loadRunner()({
      input: staging,
      isRelative: true,
      excludeFromScan: EXCLUDED_CHECKS,
      electronVersionOverride: electronVersion(),
      parserPlugins: [],
    });
    const findings = issues.map((issue) => ({
      check: issue.id,
      file: issue.file.split(path.sep).join('/'),
      line: issue.location.line,
      column: issue.location.column,
      description: issue.description,
    }));
    const unparsed = errors
      .filter((error) => !error.tolerable)
      .map((error) => ({ file: path.relative(staging, error.file), message: error.message }));
    return { checks: globalChecks + atomicChecks, findings, unparsed, ...judgeFindings(findings, allow) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function optionValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

async function main(): Promise<void> {
  const root = path.resolve(optionValue('--root') ?? process.cwd());
  const allowFile = optionValue('--allow');
  const report = await lintSecurity(root, allowFile && path.resolve(allowFile));
  for (const finding of report.unjustified) {
    console.error(`Unjustified: ${finding.check} in ${finding.file}:${finding.line}:${finding.column}: ${finding.description}`);
  }
  for (const entry of report.stale) {
    console.error(`Stale allow-list entry: ${entry.check} in ${entry.file} matches no finding any more: remove it.`);
  }
  for (const error of report.unparsed) console.error(`Not checked: ${error.file} could not be parsed (${error.message}).`);
  const failures = report.unjustified.length + report.stale.length + report.unparsed.length;
  const justified = report.findings.length - report.unjustified.length;
  if (failures > 0) {
    console.error(`lint:security failed: ${failures} problem(s). Fix the code, or justify the finding in ${DEFAULT_ALLOW_LIST}.`);
    process.exit(1);
  }
  console.log(
    `lint:security: ${report.checks} checks, ${report.findings.length} finding(s), all ${justified} justified in ${DEFAULT_ALLOW_LIST}.`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
