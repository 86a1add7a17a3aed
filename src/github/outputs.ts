// The Action's outputs for a pipeline result, plus one output per stack output key.
import type { PipelineResult } from '../pipeline/run.js';

/** Declared in action.yml; a stack output with one of these names is not copied. */
export const OUTPUTS = {
  'stack-id': 'ARN of the deployed stack.',
  'stack-status': 'Stack status after the deployment, for example CREATE_COMPLETE or UPDATE_COMPLETE.',
  'no-op': '`true` when the change set was empty and nothing was deployed, else `false`.',
  'change-count': 'Number of resource changes in the executed change set (0 for a no-op).',
  outputs: 'The stack outputs as a JSON object. Each output is also set under its own key.',
} as const;

export type SetOutput = (name: string, value: string) => void;

export function setPipelineOutputs(
  result: PipelineResult,
  setOutput: SetOutput,
  warn: (m: string) => void,
): void {
  const deploy = result.deploy;
  setOutput('stack-id', deploy.stackId);
  setOutput('stack-status', deploy.stackStatus);
  setOutput('no-op', String(deploy.type === 'no-op'));
  setOutput('change-count', String(deploy.changeCount));
  setOutput('outputs', JSON.stringify(deploy.outputs));
  for (const [key, value] of Object.entries(deploy.outputs)) {
    if (key in OUTPUTS)
      warn(`Stack output ${key} has the name of an action output; read it from the outputs JSON instead.`);
    else setOutput(key, value);
  }
}
