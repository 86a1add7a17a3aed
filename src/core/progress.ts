// How the pipeline talks to the person running it. Every line carries a stable code from a
// message registry (like the CDK toolkit's IO messages), so scripts and tests match codes,
// not sentences; the Action and the CLI each implement the printing.

export type MessageLevel = 'info' | 'warn' | 'error' | 'debug';

/** One entry of a registry: the code, how loud it is, and when it is emitted. */
export interface MessageSpec {
  readonly code: string;
  readonly level: MessageLevel;
  readonly description: string;
}

export interface Progress {
  /** One line of progress, at the level its registry entry gives. */
  emit(message: MessageSpec, text: string): void;
  /** Runs fn as one foldable section (a `core.group` in the Action, a header in the CLI). */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Never print this value again (GitHub's `setSecret`; the CLI replaces it with ***). */
  mask(secret: string): void;
}

/** Declares a registry entry; the registries of each area are plain objects of these. */
export const message = (code: string, level: MessageLevel, description: string): MessageSpec => ({
  code,
  level,
  description,
});
