// A pull request from a fork runs someone else's code. Deploying it would hand that code this
// repository's AWS role, so the action refuses unless the workflow opts in with allow-fork.
import { CutoverError } from '../core/errors.js';

interface RepoRef {
  readonly full_name?: string;
  readonly fork?: boolean;
}

interface PullRequestRefs {
  readonly head?: { readonly repo?: RepoRef | null };
  readonly base?: { readonly repo?: RepoRef | null };
}

/** The part of @actions/github's context this check reads. */
export interface EventContext {
  readonly eventName: string;
  readonly payload: { readonly pull_request?: object };
}

/** The repository the pull request comes from when it is not this one; undefined otherwise. */
export function forkOrigin(context: EventContext): string | undefined {
  const pr = context.payload.pull_request as PullRequestRefs | undefined;
  if (!pr) return undefined;
  const head = pr.head?.repo;
  const base = pr.base?.repo;
  // A deleted fork leaves head.repo null: still someone else's code.
  if (!head) return 'a deleted fork';
  if (head.fork === true || (head.full_name && base?.full_name && head.full_name !== base.full_name)) {
    return head.full_name ?? 'a fork';
  }
  return undefined;
}

export function forkRefusal(context: EventContext, allowFork: boolean): CutoverError | undefined {
  const origin = forkOrigin(context);
  if (!origin || allowFork) return undefined;
  return new CutoverError(
    'FORK_REFUSED',
    `Refusing to deploy: this ${context.eventName} event comes from ${origin}, and its code would run with this repository's AWS credentials. ` +
      'Review the change and set allow-fork: true on this step only if you trust it, or deploy after merging.',
  );
}
