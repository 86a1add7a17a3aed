// Runs stack operations: executes a change set (creating, updating and replacing resources in
// dependency order, in parallel where the graph allows), cleans up, and rolls back on
// failure (ROLLBACK_* after a create, UPDATE_ROLLBACK_* after an update); deletes stacks.
import { AwsError } from '../../errors.js';
import { physicalName } from '../../core/ids.js';
import { baseContext, prepare, type Prepared } from './context.js';
import { diffProperties } from './diff.js';
import { handlerFailure, resourceEvent, stackEvent } from './events.js';
import type { EngineDeps, Touched } from './engine-types.js';
import { evaluate, type EvalContext } from './intrinsics.js';
import type {
  ChangeSetRecord,
  RollbackConfiguration,
  StackOutput,
  StackRecord,
  StackResource,
} from './model.js';
import { paramRefValues } from './parameters.js';
import { PROVIDERS } from './providers/index.js';
import type { ProvisionResult, ProviderContext, Props, ResourceProvider } from './providers/types.js';
import { monitoringPeriod, watchTriggers } from './rollback-triggers.js';
import { effectiveRollbackConfiguration } from './stack-options.js';
import type { ResourceDeclaration, Template } from './template.js';
import {
  InjectedFailure,
  cleanupAfterUpdate,
  deleteStackResources,
  rollbackCreate,
  rollbackUpdate,
  type PreviousStack,
  type TeardownContext,
} from './teardown.js';

const snapshot = (r: StackResource): StackResource => ({
  ...r,
  properties: structuredClone(r.properties),
  attributes: { ...r.attributes },
});

export class StackOperation {
  readonly abort = new AbortController();
  private readonly failures: { logicalId: string; action: 'create' | 'update' }[] = [];
  private readonly touched: Touched[] = [];
  private readonly created: string[] = [];
  private readonly replacedOld: StackResource[] = [];
  /** Why the operation was stopped from outside: CancelUpdateStack or a rollback trigger. */
  private cancelReason?: string;

  constructor(
    private readonly deps: EngineDeps,
    private readonly stack: StackRecord,
  ) {}

  get stackId(): string {
    return this.stack.stackId;
  }

  /** Stops the operation: resources in progress are cancelled and it rolls back. */
  cancel(reason: string): void {
    if (this.stopped) return;
    this.cancelReason = reason;
    this.abort.abort(new Error(reason));
  }

  /** A resource failed or the operation was cancelled: nothing new starts. */
  private get stopped(): boolean {
    return this.failures.length > 0 || this.cancelReason !== undefined;
  }

  private providerContext(logicalId: string): ProviderContext {
    return {
      region: this.deps.region,
      stackName: this.stack.stackName,
      stackId: this.stack.stackId,
      logicalId,
      services: this.deps.services,
      timers: this.deps.timers,
      signal: this.abort.signal,
      physicalName: (max = 64) => physicalName(this.stack.stackName, logicalId, max),
    };
  }

  private evalContext(template: Template, prepared: Prepared): EvalContext {
    const base = baseContext({
      region: this.deps.region,
      stackName: this.stack.stackName,
      stackId: this.stack.stackId,
      params: paramRefValues(this.stack.parameters),
      template,
      ssm: this.deps.services.ssm,
      exports: this.deps.exports,
    });
    const resource = (id: string) => {
      const r = this.stack.resources.get(id);
      if (!r?.physicalId)
        throw new AwsError('ValidationError', `Template error: resource ${id} is not available to reference`);
      return r;
    };
    return {
      ...base,
      conditions: prepared.conditions,
      ref: (id) => {
        const r = resource(id);
        return PROVIDERS[r.type]?.ref?.(r.physicalId!, r.attributes) ?? r.physicalId;
      },
      getAtt: (id, attr) => {
        const v = resource(id).attributes[attr];
        if (v === undefined)
          throw new AwsError('ValidationError', `Template error: attribute ${attr} of ${id} has no value`);
        return v;
      },
    };
  }

  // ---- change set execution -------------------------------------------------------------

  async runChangeSet(cs: ChangeSetRecord, disableRollback: boolean): Promise<boolean> {
    const stack = this.stack;
    const isCreate = cs.type === 'CREATE';
    const prev: PreviousStack = {
      template: stack.template,
      templateBody: stack.templateBody,
      parameters: stack.parameters,
      outputs: stack.outputs,
      order: [...stack.order],
      tags: stack.tags,
      capabilities: stack.capabilities,
      description: stack.description,
      notificationArns: stack.notificationArns,
      rollbackConfiguration: stack.rollbackConfiguration,
    };
    // Saved with the stack; a rolled-back operation restores the previous ones with the
    // template (AWS's documentation does not say otherwise).
    const rollbackConfiguration = effectiveRollbackConfiguration(stack, cs.rollbackConfiguration);
    stack.notificationArns = cs.notificationArns ?? stack.notificationArns;
    stack.rollbackConfiguration = rollbackConfiguration;
    stack.template = cs.template;
    stack.templateBody = cs.templateBody;
    stack.parameters = cs.parameters;
    stack.capabilities = cs.capabilities;
    stack.tags = cs.tags;
    stack.description = cs.template?.Description;
    stack.disableRollback = disableRollback;
    stack.changeSetId = cs.id;
    this.setStatus(isCreate ? 'CREATE_IN_PROGRESS' : 'UPDATE_IN_PROGRESS', 'User Initiated');
    if (!isCreate) stack.lastUpdatedTime = new Date();
    const stopWatching = watchTriggers(this.deps, rollbackConfiguration.triggers, (r) => this.cancel(r));
    try {
      return await this.runWithRollback(cs, isCreate, disableRollback, prev, rollbackConfiguration);
    } finally {
      stopWatching();
    }
  }

  private async runWithRollback(
    cs: ChangeSetRecord,
    isCreate: boolean,
    disableRollback: boolean,
    prev: PreviousStack,
    rollbackConfiguration: RollbackConfiguration,
  ): Promise<boolean> {
    const stack = this.stack;
    const template = cs.template!;
    let prepared: Prepared | undefined;
    let outputs: StackOutput[] = [];
    let outputError: string | undefined;
    try {
      prepared = prepare(
        template,
        baseContext({
          region: this.deps.region,
          stackName: stack.stackName,
          stackId: stack.stackId,
          params: paramRefValues(stack.parameters),
          template,
          ssm: this.deps.services.ssm,
          exports: this.deps.exports,
        }),
      );
      const ctx = this.evalContext(template, prepared);
      await this.runGraph(template, prepared, ctx);
      if (!this.stopped) outputs = this.computeOutputs(template, ctx);
      // The stack stays *_IN_PROGRESS while the triggers are watched after the resources.
      if (!this.stopped)
        await monitoringPeriod(this.deps, rollbackConfiguration.monitoringMinutes, this.abort.signal);
    } catch (e) {
      outputError = (e as Error).message;
    }

    if (!this.stopped && !outputError && prepared) {
      stack.order = prepared.order;
      stack.outputs = outputs;
      this.registerExports(outputs);
      if (isCreate) {
        this.setStatus('CREATE_COMPLETE');
      } else {
        this.setStatus('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
        await cleanupAfterUpdate(this.teardown, prev.order, new Set(prepared.order), this.replacedOld);
        this.setStatus('UPDATE_COMPLETE');
      }
      return true;
    }

    const reason = outputError ?? this.cancelReason ?? this.failureReason();
    if (disableRollback) {
      this.setStatus(isCreate ? 'CREATE_FAILED' : 'UPDATE_FAILED', reason);
      return false;
    }
    if (isCreate) {
      await rollbackCreate(this.teardown, this.created, `${reason} Rollback requested by user.`);
    } else {
      await rollbackUpdate(this.teardown, this.touched, reason, prev);
    }
    return false;
  }

  private failureReason(): string {
    const byAction = (a: 'create' | 'update') =>
      this.failures.filter((f) => f.action === a).map((f) => f.logicalId);
    const parts: string[] = [];
    const created = byAction('create');
    const updated = byAction('update');
    if (created.length) parts.push(`The following resource(s) failed to create: [${created.join(', ')}].`);
    if (updated.length) parts.push(`The following resource(s) failed to update: [${updated.join(', ')}].`);
    return parts.join(' ');
  }

  private setStatus(status: StackRecord['status'], reason?: string): void {
    this.stack.status = status;
    this.stack.statusReason = reason;
    stackEvent(this.stack, status, reason);
  }

  private async runGraph(template: Template, prepared: Prepared, ctx: EvalContext): Promise<void> {
    const remaining = new Set(prepared.order);
    const done = new Set<string>();
    const running = new Map<string, Promise<void>>();
    const launch = () => {
      if (this.stopped) return;
      for (const id of prepared.order) {
        if (!remaining.has(id)) continue;
        if (![...(prepared.graph.get(id) ?? [])].every((d) => done.has(d))) continue;
        remaining.delete(id);
        const p = this.processResource(id, template, ctx)
          .then((ok) => {
            if (ok) done.add(id);
          })
          .finally(() => running.delete(id));
        running.set(id, p);
      }
    };
    launch();
    while (running.size) {
      await Promise.race(running.values());
      launch();
    }
  }

  /** Creates, updates or replaces one resource; false when it failed. */
  private async processResource(id: string, template: Template, ctx: EvalContext): Promise<boolean> {
    const decl = template.Resources[id]!;
    const provider = PROVIDERS[decl.Type]!;
    const existing = this.stack.resources.get(id);
    const old = existing?.physicalId ? existing : undefined;
    const { props, evalError } = this.evaluateProperties(id, decl, provider, ctx);
    if (!old) return this.createResource(id, decl, provider, props, evalError);

    old.deletionPolicy = decl.DeletionPolicy;
    old.updateReplacePolicy = decl.UpdateReplacePolicy;
    if (evalError) {
      this.touched.push({ logicalId: id, kind: 'update', before: snapshot(old) });
      resourceEvent(this.stack, old, 'UPDATE_IN_PROGRESS');
      return this.fail(old, 'update', evalError, 'UPDATE_FAILED');
    }
    const diff = diffProperties(provider, old.properties, props);
    if (!diff.changed.length) return true;
    if (diff.replacement !== 'False') return this.replaceResource(id, provider, old, props);
    return this.updateResource(id, provider, old, props);
  }

  /** The resource's properties as this execution evaluates them, and the template's required ones checked. */
  private evaluateProperties(
    id: string,
    decl: ResourceDeclaration,
    provider: ResourceProvider,
    ctx: EvalContext,
  ): { props: Props; evalError?: unknown } {
    try {
      const props = evaluate(decl.Properties ?? {}, ctx) as Props;
      const missing = (provider.required ?? []).filter((k) => props[k] === undefined);
      if (missing.length) {
        throw new Error(
          `Properties validation failed for resource ${id} with message: #: required key [${missing[0]}] not found`,
        );
      }
      return { props };
    } catch (e) {
      return { props: {}, evalError: e };
    }
  }

  private createResource(
    id: string,
    decl: ResourceDeclaration,
    provider: ResourceProvider,
    props: Props,
    evalError: unknown,
  ): Promise<boolean> | false {
    const r: StackResource = {
      logicalId: id,
      type: decl.Type,
      properties: props,
      attributes: {},
      status: 'CREATE_IN_PROGRESS',
      timestamp: new Date(),
      deletionPolicy: decl.DeletionPolicy,
      updateReplacePolicy: decl.UpdateReplacePolicy,
    };
    this.stack.resources.set(id, r);
    this.touched.push({ logicalId: id, kind: 'create' });
    this.created.push(id);
    resourceEvent(this.stack, r, 'CREATE_IN_PROGRESS');
    if (evalError) return this.fail(r, 'create', evalError, 'CREATE_FAILED');
    return this.provision(r, 'Create', 'CREATE_IN_PROGRESS', 'CREATE_COMPLETE', 'CREATE_FAILED', () =>
      provider.create(this.providerContext(id), props),
    );
  }

  /** A new physical resource under the same logical id; the old one goes in the cleanup. */
  private async replaceResource(
    id: string,
    provider: ResourceProvider,
    old: StackResource,
    props: Props,
  ): Promise<boolean> {
    const before = snapshot(old);
    const nameProp = provider.nameProperty;
    const r: StackResource = { ...old, properties: props, attributes: {}, physicalId: undefined };
    this.stack.resources.set(id, r);
    this.touched.push({ logicalId: id, kind: 'replace', before });
    resourceEvent(
      this.stack,
      r,
      'UPDATE_IN_PROGRESS',
      'Requested update requires the creation of a new physical resource; hence creating one.',
      before.physicalId,
    );
    if (nameProp && props[nameProp] !== undefined && props[nameProp] === before.properties[nameProp]) {
      return this.fail(
        r,
        'update',
        new Error(
          `CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename ${String(props[nameProp])} and update the stack again.`,
        ),
        'UPDATE_FAILED',
        true,
      );
    }
    const ok = await this.provision(
      r,
      'Update',
      'UPDATE_IN_PROGRESS',
      'UPDATE_COMPLETE',
      'UPDATE_FAILED',
      () => provider.create(this.providerContext(id), props),
    );
    if (ok) this.replacedOld.push(before);
    return ok;
  }

  private updateResource(
    id: string,
    provider: ResourceProvider,
    old: StackResource,
    props: Props,
  ): Promise<boolean> {
    const before = snapshot(old);
    this.touched.push({ logicalId: id, kind: 'update', before });
    old.properties = props;
    resourceEvent(this.stack, old, 'UPDATE_IN_PROGRESS');
    return this.provision(old, 'Update', undefined, 'UPDATE_COMPLETE', 'UPDATE_FAILED', () =>
      provider.update!(this.providerContext(id), before.physicalId!, props, {
        props: before.properties,
        attributes: before.attributes,
      }),
    );
  }

  private async provision(
    r: StackResource,
    action: 'Create' | 'Update',
    initiatedStatus: StackResource['status'] | undefined,
    completeStatus: StackResource['status'],
    failedStatus: StackResource['status'],
    run: () => Promise<ProvisionResult>,
  ): Promise<boolean> {
    const failAction = completeStatus === 'CREATE_COMPLETE' ? 'create' : 'update';
    try {
      const injected = this.deps.faults.takeResourceFailure(r.logicalId, r.type, action);
      if (injected) throw new InjectedFailure(injected);
      if (this.abort.signal.aborted) throw new Error('cancelled');
      const result = await run();
      r.physicalId = result.physicalId;
      r.attributes = { ...result.attributes };
      if (initiatedStatus) resourceEvent(this.stack, r, initiatedStatus, 'Resource creation Initiated');
      if (result.stabilize) {
        const extra = await result.stabilize();
        if (extra) Object.assign(r.attributes, extra);
      }
      resourceEvent(this.stack, r, completeStatus);
      return true;
    } catch (e) {
      return this.fail(r, failAction, e, failedStatus);
    }
  }

  private fail(
    r: StackResource,
    action: 'create' | 'update',
    e: unknown,
    status: StackResource['status'],
    plainReason = false,
  ): false {
    const cancelled = this.abort.signal.aborted && !(e instanceof InjectedFailure) && this.stopped;
    let reason: string;
    if (cancelled) reason = action === 'create' ? 'Resource creation cancelled' : 'Resource update cancelled';
    else if (plainReason || (e instanceof Error && e.message.startsWith('Properties validation failed')))
      reason = (e as Error).message;
    else reason = handlerFailure(r.type, e);
    resourceEvent(this.stack, r, status, reason);
    if (!cancelled) {
      this.failures.push({ logicalId: r.logicalId, action });
      this.abort.abort(new Error('Resource creation cancelled'));
    }
    return false;
  }

  private computeOutputs(template: Template, ctx: EvalContext): StackOutput[] {
    const out: StackOutput[] = [];
    for (const [key, decl] of Object.entries(template.Outputs ?? {})) {
      if (decl.Condition !== undefined && !ctx.conditions[decl.Condition]) continue;
      const v = evaluate(decl.Value, ctx);
      const exportName = decl.Export ? String(evaluate(decl.Export.Name, ctx)) : undefined;
      const value = Array.isArray(v) ? v.join(',') : String(v);
      out.push({
        OutputKey: key,
        OutputValue: this.deps.outputValue?.(value) ?? value,
        Description: decl.Description,
        ExportName: exportName,
      });
    }
    return out;
  }

  private registerExports(outputs: StackOutput[]): void {
    for (const [name, exp] of this.deps.exports)
      if (exp.stackId === this.stack.stackId) this.deps.exports.delete(name);
    for (const o of outputs)
      if (o.ExportName)
        this.deps.exports.set(o.ExportName, { stackId: this.stack.stackId, value: o.OutputValue });
  }

  // ---- deletes, cleanup and rollback live in teardown.ts ---------------------------------

  private get teardown(): TeardownContext {
    return {
      deps: this.deps,
      stack: this.stack,
      setStatus: (status, reason) => this.setStatus(status, reason),
      deleteContext: (logicalId) => ({
        ...this.providerContext(logicalId),
        signal: new AbortController().signal,
      }),
    };
  }

  deleteStack(): Promise<boolean> {
    return deleteStackResources(this.teardown);
  }
}
