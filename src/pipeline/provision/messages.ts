// The progress lines of the provisioning stage (waiting for the LMI version to be Active),
// each with a stable code: scripts and tests match codes, not sentences.
import { message } from '../../core/progress.js';

export const PROVISION_MESSAGES = {
  capacityRoom: message(
    'provision.capacity-room',
    'info',
    "Before a deploy: the vCPUs the capacity provider's versions hold, what the candidate adds, and the ceiling.",
  ),
  capacityRoomUnknown: message(
    'provision.capacity-room-unknown',
    'warn',
    'The capacity provider could not be measured before a deploy; the provisioning wait reports a shortfall instead.',
  ),
  capacityProviderVersions: message(
    'provision.capacity-provider-versions',
    'info',
    'Once, at the first poll: how many function versions the capacity provider holds of the 100 allowed, and how it lists this one.',
  ),
  capacityProviderNearLimit: message(
    'provision.capacity-provider-near-limit',
    'warn',
    'The capacity provider holds 80 or more of its 100 function versions (a limit that cannot be raised).',
  ),
  stateChanged: message(
    'provision.state-changed',
    'info',
    'The version (or its capacity provider) is in a new state while it provisions: state, reason code, elapsed time.',
  ),
  waiting: message(
    'provision.waiting',
    'info',
    'Heartbeat while the version provisions: its last state, reason code and elapsed time.',
  ),
  readRetry: message(
    'provision.read-retry',
    'warn',
    'Reading the version state failed with a transient error (5xx, network); it is read again.',
  ),
  confirmedActive: message(
    'provision.confirmed-active',
    'info',
    'The first call found the version Active: CloudFormation had already waited for it.',
  ),
  active: message('provision.active', 'info', 'The version became Active after a wait: how long it took.'),
} as const;
