// Lambda control-plane state: functions with their versions, aliases and policies, and
// capacity providers. Version state changes are announced on `events` so the code runner
// (emulator/runtime) can start environments when an LMI version becomes Active.
import { EventEmitter } from 'node:events';
import type { Faults } from '../../core/faults.js';
import type { Timers } from '../../core/timers.js';
import type { S3Reader } from '../s3/index.js';
import type { CodeStore } from './code-store.js';
import { notFound } from './errors.js';
import type { AliasRecord, CapacityProviderRecord, FunctionRecord, VersionRecord } from './model.js';
import { functionArn } from './names.js';

export interface LambdaOptions {
  region: string;
  /** How long a published LMI version stays Pending before it is Active. */
  provisioningMs: number;
  /** How long a new capacity provider stays Pending. */
  capacityProviderReadyMs: number;
  /** Called when a published LMI version becomes Active. */
  onVersionActive?: (version: VersionRecord) => void;
  /**
   * Called when an LMI version starts provisioning (the code runner starts its environments
   * here). The version becomes Active only once this resolves; a rejection fails the version
   * with the error's `stateReasonCode` (FunctionError... codes) and message.
   */
  onVersionProvisioning?: (version: VersionRecord) => Promise<void>;
  /**
   * Called when an Active version's applied FunctionScalingConfig changes (scaling.ts), 0/0
   * included: the code runner starts or stops environments and resolves when they are.
   */
  onVersionScaling?: (version: VersionRecord) => Promise<void>;
}

export interface LambdaEvents {
  /** Any state change of a published version (Pending → Active/Failed). */
  versionState: [VersionRecord];
  versionActive: [VersionRecord];
  versionDeleted: [VersionRecord];
  /** The whole function is gone ($LATEST included); its versions were announced first. */
  functionDeleted: [FunctionRecord];
}

export class LambdaStore {
  readonly functions = new Map<string, FunctionRecord>();
  readonly capacityProviders = new Map<string, CapacityProviderRecord>();
  readonly events = new EventEmitter<LambdaEvents>();
  /** Cancels the provisioning timer of a pending version, keyed `name:version`. */
  readonly provisioning = new Map<string, () => void>();

  constructor(
    readonly options: LambdaOptions,
    readonly timers: Timers,
    readonly faults: Faults,
    readonly code: CodeStore,
    readonly s3: S3Reader,
  ) {
    this.events.setMaxListeners(0);
  }

  get region(): string {
    return this.options.region;
  }

  getFunction(name: string, qualifier?: string): FunctionRecord {
    const fn = this.functions.get(name);
    if (!fn) throw notFound(`Function not found: ${functionArn(this.region, name, qualifier)}`);
    return fn;
  }

  /** The version a qualifier names: $LATEST, a version number, or an alias's primary version. */
  resolveVersion(fn: FunctionRecord, qualifier?: string): VersionRecord {
    if (!qualifier || qualifier === '$LATEST') return fn.latest;
    const direct = fn.versions.get(qualifier);
    if (direct) return direct;
    const alias = fn.aliases.get(qualifier);
    const viaAlias = alias ? fn.versions.get(alias.functionVersion) : undefined;
    if (viaAlias) return viaAlias;
    if (alias?.functionVersion === '$LATEST') return fn.latest;
    throw notFound(`Function not found: ${functionArn(this.region, fn.name, qualifier)}`);
  }

  getAlias(fn: FunctionRecord, name: string): AliasRecord {
    const alias = fn.aliases.get(name);
    if (!alias) throw notFound(`Alias not found: ${functionArn(this.region, fn.name, name)}`);
    return alias;
  }

  /** Published versions attached to a capacity provider, across all functions. */
  versionsOnCapacityProvider(cpArn: string): VersionRecord[] {
    const out: VersionRecord[] = [];
    for (const fn of this.functions.values()) {
      for (const v of fn.versions.values()) if (v.config.lmi?.capacityProviderArn === cpArn) out.push(v);
    }
    return out;
  }

  setVersionState(
    v: VersionRecord,
    state: VersionRecord['state'],
    reasonCode?: string,
    reason?: string,
  ): void {
    v.state = state;
    v.stateReasonCode = reasonCode;
    v.stateReason = reason;
    this.events.emit('versionState', v);
    if (state === 'Active' && v.version !== '$LATEST') {
      this.events.emit('versionActive', v);
      this.options.onVersionActive?.(v);
    }
  }

  /** Resolves when a version leaves Pending; rejects with the signal's reason when aborted. */
  waitForVersionSettled(v: VersionRecord, signal?: AbortSignal): Promise<VersionRecord> {
    if (v.state !== 'Pending') return Promise.resolve(v);
    return new Promise((resolve, reject) => {
      const onState = (changed: VersionRecord) => {
        if (changed !== v || changed.state === 'Pending') return;
        cleanup();
        resolve(changed);
      };
      const onDeleted = (deleted: VersionRecord) => {
        if (deleted !== v) return;
        cleanup();
        reject(new Error(`Version ${v.version} of function ${v.functionName} was deleted while Pending.`));
      };
      const onAbort = () => {
        cleanup();
        reject(signal?.reason instanceof Error ? signal.reason : new Error('Wait aborted'));
      };
      const cleanup = () => {
        this.events.off('versionState', onState);
        this.events.off('versionDeleted', onDeleted);
        signal?.removeEventListener('abort', onAbort);
      };
      this.events.on('versionState', onState);
      this.events.on('versionDeleted', onDeleted);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort);
    });
  }
}
