// Builds a function the way `sam build` does for `Metadata.BuildMethod: esbuild`: bundle for
// Node with the project's own esbuild (never one bundled into this action), SAM's defaults
// (cjs, es2020, minified) and its BuildProperties names. Output stays in memory and goes
// straight into the zip.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, relative, sep } from 'node:path';
import type { BuildOptions, BuildResult, Format, Loader, Message } from 'esbuild';
import { CutoverError } from '../../../core/errors.js';
import type { ZipEntry } from './zip.js';

export interface EsbuildApi {
  build(options: BuildOptions & { write: false }): Promise<BuildResult<BuildOptions & { write: false }>>;
}

/** Finds esbuild the way the project would (node_modules upwards from fromDir). */
export type EsbuildLoader = (fromDir: string) => Promise<EsbuildApi>;

/** Resolves a package name to a file from a directory; throws when it is not installed. */
export type ModuleResolver = (specifier: string, fromDir: string) => string;

const nodeModuleResolver: ModuleResolver = (specifier, fromDir) =>
  createRequire(join(fromDir, 'package.json')).resolve(specifier);

/** A loader over a resolver (tests inject one that finds nothing). */
export function projectEsbuildLoader(resolve: ModuleResolver = nodeModuleResolver): EsbuildLoader {
  return async (fromDir) => {
    let resolved: string;
    try {
      resolved = resolve('esbuild', fromDir);
    } catch {
      throw new EsbuildMissingError(fromDir);
    }
    // Loaded at run time from the project, never bundled into dist/.
    return createRequire(resolved)(resolved) as EsbuildApi;
  };
}

export const loadProjectEsbuild: EsbuildLoader = projectEsbuildLoader();

class EsbuildMissingError extends CutoverError {
  constructor(fromDir: string) {
    super(
      'ESBUILD_MISSING',
      `A function is built with esbuild (Metadata.BuildMethod: esbuild) but esbuild cannot be found from ${fromDir}. ` +
        'Add it to your project ("npm install --save-dev esbuild") and run "npm ci" before this step.',
    );
  }
}

export interface EsbuildFunction {
  readonly logicalId: string;
  /** Absolute CodeUri directory. */
  readonly codeDir: string;
  readonly handler: string | undefined;
  readonly buildProperties: Record<string, unknown>;
  /** The function's NODE_OPTIONS, which can switch source maps on as in SAM. */
  readonly nodeOptions: string | undefined;
}

export interface EsbuildPlan {
  readonly options: BuildOptions & { write: false };
  /** Source maps are on: the function needs NODE_OPTIONS=--enable-source-maps. */
  readonly sourcemap: boolean;
  readonly ignoredProperties: string[];
}

const KNOWN = new Set([
  'EntryPoints',
  'External',
  'Format',
  'Target',
  'Minify',
  'Sourcemap',
  'SourcesContent',
  'MainFields',
  'Loader',
  'OutExtension',
  'Banner',
]);

/** esbuild options from BuildProperties, with SAM's defaults. */
export function planEsbuild(fn: EsbuildFunction): EsbuildPlan {
  const p = fn.buildProperties;
  const fail = (what: string) =>
    new CutoverError('ESBUILD_FAILED', `Function ${fn.logicalId}: Metadata.BuildProperties.${what}.`);
  const list = (key: string): string[] | undefined => {
    const v = p[key];
    if (v === undefined) return undefined;
    if (typeof v === 'string')
      return v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v;
    throw fail(`${key} must be a list of strings`);
  };
  const bool = (key: string): boolean | undefined => {
    const v = p[key];
    if (v === undefined) return undefined;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    throw fail(`${key} must be true or false`);
  };
  const pairs = (key: string): Record<string, string> | undefined => {
    const items = list(key);
    if (!items) return undefined;
    return Object.fromEntries(
      items.map((item) => {
        const eq = item.indexOf('=');
        if (eq <= 0) throw fail(`${key} entries look like ".ext=value", not ${JSON.stringify(item)}`);
        return [item.slice(0, eq), item.slice(eq + 1)];
      }),
    );
  };

  const entryNames = list('EntryPoints') ?? (fn.handler ? [handlerModule(fn.handler)] : undefined);
  if (!entryNames || entryNames.length === 0) {
    throw fail('EntryPoints is missing and the function has no Handler to derive it from');
  }
  const format = (p.Format ?? 'cjs') as string;
  if (!['cjs', 'esm', 'iife'].includes(format))
    throw fail(`Format must be cjs or esm, not ${JSON.stringify(format)}`);
  // SAM: NODE_OPTIONS=--enable-source-maps switches source maps on unless Sourcemap says false.
  const sourcemap = bool('Sourcemap') ?? /--enable-source-maps/.test(fn.nodeOptions ?? '');
  const sourcesContent = bool('SourcesContent');

  return {
    sourcemap,
    ignoredProperties: Object.keys(p).filter((k) => !KNOWN.has(k)),
    options: {
      absWorkingDir: fn.codeDir,
      entryPoints: entryNames.map((e) => resolveEntry(fn, e)),
      bundle: true,
      platform: 'node',
      // Virtual: nothing is written, output paths are only made relative to it.
      outdir: join(fn.codeDir, '.lmi-cutover-build'),
      write: false,
      format: format as Format,
      target: list('Target') ?? ['es2020'],
      minify: bool('Minify') ?? true,
      sourcemap,
      ...(sourcesContent === undefined ? {} : { sourcesContent }),
      external: list('External') ?? [],
      ...(list('MainFields') ? { mainFields: list('MainFields') } : {}),
      ...(pairs('Loader') ? { loader: pairs('Loader') as Record<string, Loader> } : {}),
      ...(pairs('OutExtension') ? { outExtension: pairs('OutExtension') } : {}),
      ...(pairs('Banner') ? { banner: pairs('Banner') } : {}),
      logLevel: 'silent',
    },
  };
}

/** `handlers/app.handler` → `handlers/app`: the module part of a Node.js handler string. */
const handlerModule = (handler: string) => handler.slice(0, Math.max(handler.lastIndexOf('.'), 0)) || handler;

// SAM tries .ts then .js for entry points without an extension; the module variants are common too.
const ENTRY_EXTENSIONS = ['.ts', '.js', '.mts', '.mjs', '.cts', '.cjs'];

function resolveEntry(fn: EsbuildFunction, entry: string): string {
  const candidates = extname(entry) ? [entry] : ENTRY_EXTENSIONS.map((ext) => entry + ext);
  const found = candidates.find((c) => existsSync(join(fn.codeDir, c)));
  if (!found) {
    throw new CutoverError(
      'ESBUILD_FAILED',
      `Function ${fn.logicalId}: the entry point ${entry} does not exist in ${fn.codeDir} (tried ${candidates.join(', ')}). ` +
        'Fix Metadata.BuildProperties.EntryPoints or the Handler.',
    );
  }
  return found;
}

/** Runs esbuild and returns the bundle's files for the zip. */
export async function runEsbuild(
  esbuild: EsbuildApi,
  fn: EsbuildFunction,
  plan: EsbuildPlan,
): Promise<ZipEntry[]> {
  let result: BuildResult<BuildOptions & { write: false }>;
  try {
    result = await esbuild.build(plan.options);
  } catch (e) {
    const errors = ((e as { errors?: Message[] }).errors ?? []).map(formatMessage);
    throw new CutoverError(
      'ESBUILD_FAILED',
      `esbuild could not bundle function ${fn.logicalId} from ${fn.codeDir}; fix the errors below.`,
      errors.length > 0 ? errors.slice(0, 10) : [(e as Error).message],
      { cause: e },
    );
  }
  const outdir = plan.options.outdir ?? fn.codeDir;
  return result.outputFiles.map((file) => ({
    path: relative(outdir, file.path).split(sep).join('/'),
    data: file.contents,
  }));
}

function formatMessage(m: Message): string {
  const where = m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ` : '';
  return `${where}${m.text}`;
}
