// The house's floor rules (docs/architecture.md), checked by `npm run lint:deps`:
//   depcruise src emulator workload/src --config .dependency-cruiser.js
// Every rule is an error: any violation makes the command (and .ci/run) fail.

/** The entry files: Action main, Action post, CLI bin. */
const ENTRIES = '^src/(index|post|cli)[.]ts$';
/** Everything above the lower floors: the pipeline (stages, modes, run), both adapters, the entries. */
const UPPER_FLOORS = ['^src/pipeline/', '^src/github/', '^src/cli/', ENTRIES];
/** Pipeline stages: one folder each. */
const STAGES = '^src/pipeline/(deploy|provision|verify|traffic|webhook|destroy)/';

// depcruise exits with the number of errors, and an exit status is 8 bits: 256 violations would
// exit 0 and pass CI (a single planted cycle can report well over 100). Clamp it to 1..255.
process.on('exit', (code) => {
  if (code > 255) process.exitCode = 255;
});

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Import cycle. Type-only imports count too (tsPreCompilationDeps). Break it by moving the shared ' +
        'piece down a floor.',
      from: { path: '^(src|emulator|workload)/' },
      to: { circular: true },
    },
    {
      name: 'core-is-ground-floor',
      severity: 'error',
      comment: 'src/core/ is the ground floor: it imports nothing from src/ but core itself.',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'lower-floors-not-upward',
      severity: 'error',
      comment:
        'config/, aws/, report/ and cost/ sit below the pipeline: they must not import the pipeline ' +
        '(stages, modes, run), github/, cli/ or an entry file.',
      from: { path: '^src/(config|aws|report|cost)/' },
      to: { path: UPPER_FLOORS },
    },
    {
      name: 'pipeline-not-adapters',
      severity: 'error',
      comment: 'The pipeline does not know who drives it: no imports of github/, cli/ or an entry file.',
      from: { path: '^src/pipeline/' },
      to: { path: ['^src/github/', '^src/cli/', ENTRIES] },
    },
    {
      name: 'actions-only-in-github',
      severity: 'error',
      comment: '@actions/* is the GitHub adapter’s business: only src/github/ may import it.',
      from: { pathNot: '^src/github/' },
      to: { path: '(^|/)node_modules/@actions/' },
    },
    {
      name: 'stages-not-modes',
      severity: 'error',
      comment:
        'A stage (deploy, provision, verify, traffic, webhook, destroy) is composed by modes/ and run.ts, ' +
        'never the other way round: stages must not import src/pipeline/modes/ or src/pipeline/run.ts.',
      from: { path: STAGES },
      to: { path: ['^src/pipeline/modes/', '^src/pipeline/run[.]ts$'] },
    },
    {
      name: 'emulator-and-workload-not-src',
      severity: 'error',
      comment:
        'The emulator (a local AWS cloud) and the workload (the bundled Lambda) stand on their own: ' +
        'no imports from src/.',
      from: { path: '^(emulator|workload)/' },
      to: { path: '^src/' },
    },
    {
      name: 'src-not-tooling',
      severity: 'error',
      comment: 'Shipped code must not import the emulator, the workload, tests, scripts or benchmarks.',
      from: { path: '^src/' },
      to: { path: '^(emulator|workload|__tests__|scripts|bench)/' },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'A module in src/ that nothing imports and that imports nothing: delete it or use it.',
      from: { orphan: true, path: '^src/', pathNot: '[.]d[.]ts$' },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'An import that does not resolve to a file: a typo, a missing dependency, or a resolver ' +
        'setting this config gets wrong (which would hide real violations).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Cruise only the project's own code; packages are leaves, not followed into. (Not `exclude`d:
    // that would drop the edges to them too, and actions-only-in-github would never fire.)
    doNotFollow: { path: ['(^|/)node_modules/'] },
    exclude: { path: ['^dist/', '^workload/[.]aws-sam/'] },
    // Type-only imports (`import type`, `import { type X }`) are dependencies too: they make cycles.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // ESM TypeScript: `./x.js` in source names `./x.ts` on disk. enhanced-resolve's `extensionAlias`
    // is not accepted by dependency-cruiser's schema; dependency-cruiser does that mapping itself
    // (.js -> .ts/.d.ts, .mjs -> .mts, .cjs -> .cts) when the .js file does not exist. The
    // not-to-unresolvable rule above fails if it ever stops doing so.
    enhancedResolveOptions: {
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'types', 'default'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
