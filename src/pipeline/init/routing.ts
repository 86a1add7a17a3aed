// The REST API side of a converted template: an OpenAPI body whose every integration invokes
// `function:${stageVariables.liveFunction}` — so the stage, and only the stage, decides which
// version serves — and the stage variables lmi-cutover owns, each following a template
// parameter the pipeline passes back on every deploy.
import type { YAMLMap } from 'yaml';
import type { ApiEvent } from './shape.js';
import { fn, map, ref, sub } from './yaml-edit.js';

const INTEGRATION_URI =
  'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/' +
  'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${!stageVariables.liveFunction}/invocations';

/** OpenAPI 3 paths for the events, each an aws_proxy integration through the stage variable. */
export function definitionBody(title: string, events: readonly ApiEvent[]): YAMLMap {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of events) {
    const method = e.method === 'any' ? 'x-amazon-apigateway-any-method' : e.method;
    (paths[e.path] ??= {})[method] = {
      'x-amazon-apigateway-integration': {
        type: 'aws_proxy',
        httpMethod: 'POST',
        passthroughBehavior: 'when_no_match',
        uri: sub(INTEGRATION_URI),
      },
    };
  }
  return map({ openapi: '3.0.1', info: { title, version: '1.0' }, paths });
}

/**
 * The stage variables: production pinned to `LiveFunction` (on a first deploy, the twin's
 * first version), the way back to `RollbackFunction` and `FallbackFunction`, left out while empty.
 */
export function stageVariables(twinId: string): YAMLMap {
  return map({
    liveFunction: fn(
      '!If',
      [
        'HasLiveFunction',
        ref('LiveFunction'),
        fn(
          '!Sub',
          [
            '${Name}:${Version}',
            map({
              Name: ref(twinId),
              Version: fn('!Select', [7, fn('!Split', [':', ref(`${twinId}.Version`)])]),
            }),
          ],
          false,
        ),
      ],
      false,
    ),
    rollbackFunction: fn('!If', ['HasRollbackFunction', ref('RollbackFunction'), ref('AWS::NoValue')]),
    fallbackFunction: fn('!If', ['HasFallbackFunction', ref('FallbackFunction'), ref('AWS::NoValue')]),
  });
}
