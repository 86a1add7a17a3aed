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
  readonly payload: {
    readonly pull_request?: object;
    /** `workflow_run`: the run that triggered this one, and the code it ran. */
    readonly workflow_run?: object;
    readonly repository?: object;
  };
}

interface WorkflowRunRefs {
  readonly head_repository?: RepoRef | null;
  readonly repository?: RepoRef | null;
}

/**
 * The repository the code comes from when it is not this one; undefined otherwise. Pull request
 * events (pull_request, pull_request_target, reviews) carry the pull request; a `workflow_run`
 * started by one carries the head repository of the run that triggered it — the classic way a
 * fork's code reaches a privileged workflow.
 */
export function forkOrigin(context: EventContext): string | undefined {
  const run = context.payload.workflow_run as WorkflowRunRefs | undefined;
  if (run) {
    const head = run.head_repository;
    const base = run.repository ?? (context.payload.repository as RepoRef | undefined);
    if (!head) return 'a deleted fork';
    if (head.fork === true || (head.full_name && base?.full_name && head.full_name !== base.full_name))
      return head.full_name ?? 'a fork';
    return undefined;
  }
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
