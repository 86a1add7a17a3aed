import { describe, expect, test } from '@jest/globals';
import { ConfigError, loadConfig } from '../config.js';

const base = {
  COMPUTE_TYPE: 'lambda-managed-instances',
  EVENTS_TABLE_NAME: 'events',
  SIGNING_SECRET_PARAMETER: '/lmi-cutover/webhook-signing-secret',
};

describe('loadConfig', () => {
  test('applies the documented defaults, with the demo delays when no URL is set', () => {
    const config = loadConfig({ ...base, GEOCODING_URL: '' });
    expect(config).toMatchObject({
      computeType: 'lambda-managed-instances',
      signingSecretMaxAgeSeconds: 300,
      signatureToleranceSeconds: 300,
      deliveryTtlSeconds: 604800,
      deliveryLeaseSeconds: 60,
    });
    expect(config.enrichment).toEqual([
      { name: 'geocoding', url: undefined, simulatedDelayMs: 150, timeoutMs: 1000 },
      { name: 'fraud_scoring', url: undefined, simulatedDelayMs: 200, timeoutMs: 1000 },
      { name: 'loyalty_lookup', url: undefined, simulatedDelayMs: 100, timeoutMs: 1000 },
    ]);
  });

  test('reads service URLs, delays and timeouts', () => {
    const config = loadConfig({
      ...base,
      FRAUD_SCORING_URL: ' https://fraud.example.com/score ',
      FRAUD_SCORING_TIMEOUT_MS: '250',
      LOYALTY_LOOKUP_DELAY_MS: '0',
    });
    expect(config.enrichment[1]).toEqual({
      name: 'fraud_scoring',
      url: 'https://fraud.example.com/score',
      simulatedDelayMs: 200,
      timeoutMs: 250,
    });
    expect(config.enrichment[2]?.simulatedDelayMs).toBe(0);
  });

  test('names every bad variable in one error', () => {
    const load = () =>
      loadConfig({
        COMPUTE_TYPE: 'ec2',
        SIGNING_SECRET_PARAMETER: 'x',
        GEOCODING_URL: 'ftp://x',
        GEOCODING_TIMEOUT_MS: '0',
      });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/COMPUTE_TYPE.*EVENTS_TABLE_NAME.*GEOCODING_URL.*GEOCODING_TIMEOUT_MS/);
  });
});
