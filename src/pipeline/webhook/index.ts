// The webhook client: requests signed exactly as the workload verifies them, sent either by
// Lambda Invoke with the stage's proxy event (verify) or over HTTP to the stage (cutover probes).
export { signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER, DELIVERY_ID_HEADER } from './signature.js';
export {
  CHECK_EVENT_TYPE,
  CHECK_DELIVERY_PREFIX,
  checkBody,
  checkDeliveryId,
  checkWebhook,
  describeRequest,
  healthRequest,
  newRunId,
  runDeliveryPrefix,
  signedWebhook,
  type CheckKind,
  type CheckMark,
  type Side,
  type SignedWebhookInit,
  type WebhookRequest,
} from './request.js';
export { toProxyEvent, apiGatewayTime, type ApiGatewayProxyEvent, type StageContext } from './proxy-event.js';
export {
  answerIds,
  describeOutcome,
  parseProxyResult,
  parseReportLine,
  type AnswerIds,
  type InvocationFacts,
  type WebhookAnswer,
  type WebhookOutcome,
} from './answer.js';
export { invokeWebhook, targetLabel, type InvokeOptions, type InvokeTarget } from './invoke.js';
export { createStageAgent, postToStage, stageRequestUrl, type StageRequestOptions } from './http.js';
export {
  CLOCK_SKEW_MS,
  hasDeliveryMarker,
  readStoredCheckEvents,
  type StoredCheckEvent,
  type StoredEventsQuery,
} from './events-table.js';
export { readSigningSecret, SECRET_PARAMETER_VARIABLE } from './secret.js';
export { stageContextFor, workloadStackFromOutputs, type WorkloadStack } from './workload-stack.js';
