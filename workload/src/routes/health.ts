// GET /health: which compute type, version and environment answered. The cutover's probes
// use environment_id to count how many environments served a burst (worker_id: worker threads;
// in_flight: requests that worker was serving when this one started, itself included).
import type { Context } from 'aws-lambda';
import type { ComputeType } from '../config.js';
import { ENVIRONMENT_ID, WORKER_ID } from '../environment.js';
import { inFlightAtStart } from '../in-flight.js';

interface HealthResponse {
  status: 'ok';
  compute_type: ComputeType;
  function_version: string;
  environment_id: string;
  worker_id: string;
  in_flight?: number;
  request_id: string;
}

export function health(context: Context, computeType: ComputeType): Response {
  const body: HealthResponse = {
    status: 'ok',
    compute_type: computeType,
    function_version: context.functionVersion,
    environment_id: ENVIRONMENT_ID,
    worker_id: WORKER_ID,
    in_flight: inFlightAtStart(),
    request_id: context.awsRequestId,
  };
  return Response.json(body, { status: 200 });
}
