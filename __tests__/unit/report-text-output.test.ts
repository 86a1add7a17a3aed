// Pins the terminal report byte for byte: the section renderers are small files now, and a
// change in any of them must show up here as a diff, not only as a missing section title.
import { describe, expect, it } from '@jest/globals';
import { renderText } from '../../src/report/text.js';
import { deployOnlyReport, fullReport, rollbackFailedReport } from './report.fixture.js';

describe('renderText output', () => {
  it('renders a full run exactly', () => {
    expect(renderText(fullReport())).toBe(FULL);
  });

  it('renders a failed rollback exactly', () => {
    expect(renderText(rollbackFailedReport())).toBe(ROLLBACK_FAILED);
  });

  it('renders a deploy-only run exactly', () => {
    expect(renderText(deployOnlyReport())).toBe(DEPLOY_ONLY);
  });
});

const FULL = `lmi-cutover full: SUCCEEDED  webhook-prod (eu-west-1)
route: standard -> lmi
started 2025-12-01 10:00:00Z, took 14m12s, PR #17, commit 4f1c2d3, https://github.com/acme/webhooks/actions/runs/42

AWS console
  stack          https://eu-west-1.console.aws.amazon.com/cloudformation/home?region=eu-west-1#/stacks/stackinfo?stackId=arn%3Aaws%3Acloudformation%3Aeu-west-1%3A123456789012%3Astack%2Fwebhook-prod%2F7d2e6b10-0b8f-11f0-9c4e-0a1b2c3d4e5f
  LMI function   https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions/webhook-prod-lmi
  standard twin  https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions/webhook-prod-standard
  API            https://eu-west-1.console.aws.amazon.com/apigateway/main/apis/a1b2c3d4e5/resources?api=a1b2c3d4e5&region=eu-west-1

Timeline
  STAGE      OUTCOME  DURATION  STARTED    DETAIL
  deploy     passed      1m12s  10:00:00Z  4 changes
  provision  passed      2m30s  10:01:12Z
  smoke      passed       2.4s  10:03:42Z
  load       passed       8.1s  10:03:45Z
  sweep      passed        30s  10:03:53Z
  cutover    passed      9m00s  10:05:00Z

Change set (UPDATE_COMPLETE, change set lmi-cutover-1733047200000, took 1m12s)
  added 1  modified 1  replaced 1  removed 1
  WARNING: 1 resource(s) will be deleted and recreated (replacement)
  !  Replace  WebhookLmiFunctionVersion  AWS::Lambda::Version
     Remove   OldAlarm                   AWS::CloudWatch::Alarm       old-alarm
     Modify   WebhookLmiFunction         AWS::Lambda::Function        webhook-prod-lmi
     Add      WebhookApiDeployment       AWS::ApiGateway::Deployment

LMI provisioning
  version 7 of webhook-prod-lmi: Active after 2m30s
  capacity provider arn:aws:lambda:eu-west-1:123456789012:capacity-provider:webhook-prod Active

Smoke checks: 3/3 passed
        CHECK           TARGET    REQUEST                  EXPECTED                      ACTUAL                          TIME
  PASS  health          lmi       GET /health              200 lambda-managed-instances  200 lambda-managed-instances   41 ms
  PASS  signed webhook  lmi       POST /webhook            200, stored once              200, stored once              230 ms
  PASS  bad signature   standard  POST /webhook (bad sig)  401, not stored               401, not stored                12 ms

Concurrency check: LMI vs standard twin
                                         LMI                          TWIN
  target                  webhook-prod-lmi:7       webhook-prod-standard:3
  concurrency                            192                           192
  requests                             1,920                         1,920
  throughput                     812.3 req/s                   601.1 req/s
  errors                             0 (0 %)                       0 (0 %)
  throttles                          0 (0 %)                       0 (0 %)
  environments                             3                           192
  cold starts                              -                           192
  isolation     PASS 1920/1920 stored, 0 dup  PASS 1920/1920 stored, 0 dup

  peak in flight per environment
  LMI   >=32, counted by the function per worker thread (the busiest one's count)
  twin  1, counted by the function

  latency
  p50  LMI   182 ms  #####
       twin  190 ms  #####
  p95  LMI   232 ms  ######
       twin  411 ms  ##########
  p99  LMI   262 ms  #######
       twin  702 ms  #################
  max  LMI   302 ms  #######
       twin  1.21 s  ##############################

Gates
        GATE                LIMIT  ACTUAL
  PASS  max-error-rate          0       0
  PASS  max-p95-ms         615.75   231.9
  PASS  max-throttle-rate       0       0

Concurrency sweep
  PER ENV     P50     P95     P99   THROUGHPUT  ERRORS  THROTTLES
        8  180 ms  208 ms  480 ms   76.0 req/s     0 %          0
       16  180 ms  216 ms  480 ms  152.0 req/s     0 %          0
       32  180 ms  232 ms  480 ms  304.0 req/s     0 %          0  <- knee
       64  180 ms  420 ms  480 ms  608.0 req/s     0 %          0

Cutover steps
   STEP  STARTED    PROBES  OBSERVED CANDIDATE  TOLERANCE  CAND P95  PROD P95  CAND ERR  PROD ERR  RESULT
   10 %  10:05:00Z     240               9.2 %     +/-5 %    230 ms    240 ms      0/24     0/216  PASS
   50 %  10:07:00Z     240              49.2 %     +/-5 %    230 ms    240 ms     0/120     0/120  PASS
  100 %  10:09:00Z     240               100 %     +/-5 %    230 ms    240 ms     0/240       0/0  PASS
  promoted: all traffic to the candidate version, canary removed

Route changes
  2025-12-01 10:05:01Z  standard -> canary:10    step 1 of 3
  2025-12-01 10:07:01Z  canary:10 -> canary:50   step 2 of 3
  2025-12-01 10:09:01Z  canary:50 -> canary:100  step 3 of 3
  2025-12-01 10:11:01Z  canary:100 -> lmi        promote

Deleted LMI versions
  1, 2

Cost per month at 5,000,000 invocations
                                  STANDARD      LMI
  requests                           $1.00    $1.00
  compute (GB-s)                    $28.27        -
  EC2 3 x m7g.large at $0.0816/h         -  $178.70
  management fee 15 %                    -   $26.81
  total                             $29.27  $206.51
  standard Lambda is cheaper by $177.24/month
  crossover: LMI costs no more from about 36.4M invocations/month (36,351,768)
  assumptions:
  - Prices: AWS public price pages, us-east-1 on-demand Linux, as read 2025-12.
  - Standard Lambda: 2048 MB, 212 ms per invocation, arm64, no free tier.
  - LMI: 3 × m7g.large for 730 h, Savings Plan discount 0% on the EC2 part only, management fee 15% of the on-demand price.
  - LMI fleet sized for 3× the average concurrency (0.40 → 1.21 in flight), 64 per environment, 2 environment(s) of 2048 MB per instance, never fewer than 3 instances.
  - No FunctionScalingConfig read: SAM's default of 3 environments assumed.
  - During a release the candidate version's minimum environments run beside production's until the old version is retired (its minimum again, for the provisioning minutes plus the bake).
`;

const ROLLBACK_FAILED = `lmi-cutover full: FAILED  webhook-prod (eu-west-1)
route: standard -> canary:50
started 2025-12-01 10:00:00Z, took 14m12s, PR #17, commit 4f1c2d3, https://github.com/acme/webhooks/actions/runs/42

ERROR RollbackFailed: Rollback failed: UpdateStage returned TooManyRequestsException 5 times.

!!! ROLLBACK FAILED: production traffic may still reach the version being rolled back. Fix the stage by hand now.
  UpdateStage failed 5 times: TooManyRequestsException
  stage state: variables.liveFunction=webhook-prod-standard:3; canarySettings.percentTraffic=50; canarySettings.stageVariableOverrides.liveFunction=webhook-prod-lmi:7
  fix by hand (sends all traffic to the version production returns to):
    aws apigateway update-stage --region eu-west-1 --rest-api-id a1b2c3d4e5 --stage-name prod --patch-operations op=remove,path=/canarySettings op=replace,path=/variables/liveFunction,value=webhook-prod-standard:3

AWS console
  stack          https://eu-west-1.console.aws.amazon.com/cloudformation/home?region=eu-west-1#/stacks/stackinfo?stackId=arn%3Aaws%3Acloudformation%3Aeu-west-1%3A123456789012%3Astack%2Fwebhook-prod%2F7d2e6b10-0b8f-11f0-9c4e-0a1b2c3d4e5f
  LMI function   https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions/webhook-prod-lmi
  standard twin  https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions/webhook-prod-standard
  API            https://eu-west-1.console.aws.amazon.com/apigateway/main/apis/a1b2c3d4e5/resources?api=a1b2c3d4e5&region=eu-west-1

Timeline
  STAGE      OUTCOME  DURATION  STARTED    DETAIL
  deploy     passed      1m12s  10:00:00Z  4 changes
  provision  passed      2m30s  10:01:12Z
  smoke      passed       2.4s  10:03:42Z
  load       passed       8.1s  10:03:45Z
  sweep      passed        30s  10:03:53Z
  cutover    passed      9m00s  10:05:00Z

Change set (UPDATE_COMPLETE, change set lmi-cutover-1733047200000, took 1m12s)
  added 1  modified 1  replaced 1  removed 1
  WARNING: 1 resource(s) will be deleted and recreated (replacement)
  !  Replace  WebhookLmiFunctionVersion  AWS::Lambda::Version
     Remove   OldAlarm                   AWS::CloudWatch::Alarm       old-alarm
     Modify   WebhookLmiFunction         AWS::Lambda::Function        webhook-prod-lmi
     Add      WebhookApiDeployment       AWS::ApiGateway::Deployment

LMI provisioning
  version 7 of webhook-prod-lmi: Active after 2m30s
  capacity provider arn:aws:lambda:eu-west-1:123456789012:capacity-provider:webhook-prod Active

Smoke checks: 3/3 passed
        CHECK           TARGET    REQUEST                  EXPECTED                      ACTUAL                          TIME
  PASS  health          lmi       GET /health              200 lambda-managed-instances  200 lambda-managed-instances   41 ms
  PASS  signed webhook  lmi       POST /webhook            200, stored once              200, stored once              230 ms
  PASS  bad signature   standard  POST /webhook (bad sig)  401, not stored               401, not stored                12 ms

Concurrency check: LMI vs standard twin
                                         LMI                          TWIN
  target                  webhook-prod-lmi:7       webhook-prod-standard:3
  concurrency                            192                           192
  requests                             1,920                         1,920
  throughput                     812.3 req/s                   601.1 req/s
  errors                             0 (0 %)                       0 (0 %)
  throttles                          0 (0 %)                       0 (0 %)
  environments                             3                           192
  cold starts                              -                           192
  isolation     PASS 1920/1920 stored, 0 dup  PASS 1920/1920 stored, 0 dup

  peak in flight per environment
  LMI   >=32, counted by the function per worker thread (the busiest one's count)
  twin  1, counted by the function

  latency
  p50  LMI   182 ms  #####
       twin  190 ms  #####
  p95  LMI   232 ms  ######
       twin  411 ms  ##########
  p99  LMI   262 ms  #######
       twin  702 ms  #################
  max  LMI   302 ms  #######
       twin  1.21 s  ##############################

Gates
        GATE                LIMIT  ACTUAL
  PASS  max-error-rate          0       0
  PASS  max-p95-ms         615.75   231.9
  PASS  max-throttle-rate       0       0

Concurrency sweep
  PER ENV     P50     P95     P99   THROUGHPUT  ERRORS  THROTTLES
        8  180 ms  208 ms  480 ms   76.0 req/s     0 %          0
       16  180 ms  216 ms  480 ms  152.0 req/s     0 %          0
       32  180 ms  232 ms  480 ms  304.0 req/s     0 %          0  <- knee
       64  180 ms  420 ms  480 ms  608.0 req/s     0 %          0

Cutover steps
  STEP  STARTED    PROBES  OBSERVED CANDIDATE  TOLERANCE  CAND P95  PROD P95  CAND ERR  PROD ERR  RESULT
  10 %  10:05:00Z     240               9.2 %     +/-5 %    230 ms    240 ms      0/24     0/216  PASS
  50 %  10:07:00Z     240              49.2 %     +/-5 %    910 ms    240 ms     7/120     0/120  FAIL LMI error rate 2.9 % over max-error-rate 0
  not promoted

Route changes
  2025-12-01 10:05:01Z  standard -> canary:10   step 1 of 3
  2025-12-01 10:07:01Z  canary:10 -> canary:50  step 2 of 3

Rollback
  at 2025-12-01 10:09:30Z: step 2 (50 %) failed: LMI error rate 2.9 % over max-error-rate 0
  NOT verified by probes (0 sent)
  final route: canary:50
  the rollback itself FAILED: see the manual fix at the top

Cost per month at 5,000,000 invocations
                                  STANDARD      LMI
  requests                           $1.00    $1.00
  compute (GB-s)                    $28.27        -
  EC2 3 x m7g.large at $0.0816/h         -  $178.70
  management fee 15 %                    -   $26.81
  total                             $29.27  $206.51
  standard Lambda is cheaper by $177.24/month
  crossover: LMI costs no more from about 36.4M invocations/month (36,351,768)
  assumptions:
  - Prices: AWS public price pages, us-east-1 on-demand Linux, as read 2025-12.
  - Standard Lambda: 2048 MB, 212 ms per invocation, arm64, no free tier.
  - LMI: 3 × m7g.large for 730 h, Savings Plan discount 0% on the EC2 part only, management fee 15% of the on-demand price.
  - LMI fleet sized for 3× the average concurrency (0.40 → 1.21 in flight), 64 per environment, 2 environment(s) of 2048 MB per instance, never fewer than 3 instances.
  - No FunctionScalingConfig read: SAM's default of 3 environments assumed.
  - During a release the candidate version's minimum environments run beside production's until the old version is retired (its minimum again, for the provisioning minutes plus the bake).
`;

const DEPLOY_ONLY = `lmi-cutover deploy: SUCCEEDED  webhook-prod (eu-west-1)
started 2025-12-01 10:00:00Z, took 14m12s, PR #17, commit 4f1c2d3, https://github.com/acme/webhooks/actions/runs/42

AWS console
  stack          https://eu-west-1.console.aws.amazon.com/cloudformation/home?region=eu-west-1#/stacks/stackinfo?stackId=arn%3Aaws%3Acloudformation%3Aeu-west-1%3A123456789012%3Astack%2Fwebhook-prod%2F7d2e6b10-0b8f-11f0-9c4e-0a1b2c3d4e5f
  LMI function   https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions/webhook-prod-lmi
  standard twin  https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions/webhook-prod-standard
  API            https://eu-west-1.console.aws.amazon.com/apigateway/main/apis/a1b2c3d4e5/resources?api=a1b2c3d4e5&region=eu-west-1

Timeline
  STAGE   OUTCOME  DURATION  STARTED    DETAIL
  deploy  passed      1m12s  10:00:00Z  4 changes

Change set (UPDATE_COMPLETE, change set lmi-cutover-1733047200000, took 1m12s)
  added 1  modified 1  replaced 1  removed 1
  WARNING: 1 resource(s) will be deleted and recreated (replacement)
  !  Replace  WebhookLmiFunctionVersion  AWS::Lambda::Version
     Remove   OldAlarm                   AWS::CloudWatch::Alarm       old-alarm
     Modify   WebhookLmiFunction         AWS::Lambda::Function        webhook-prod-lmi
     Add      WebhookApiDeployment       AWS::ApiGateway::Deployment
`;
