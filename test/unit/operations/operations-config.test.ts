import { ConfigError, loadConfig } from '../../../src/config';
import { testEnv } from '../../support/config';

function problemsOf(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('metrics and alarm settings', () => {
  it('default to no metrics anywhere and a 15-minute stuck-money alarm', () => {
    expect(loadConfig(testEnv()).operations).toEqual({
      metricsToken: undefined,
      metricsPort: undefined,
      stuckAlertMinutes: 15,
    });
  });

  it('take a token, a port and minutes', () => {
    const config = loadConfig(
      testEnv({ METRICS_TOKEN: 'a-long-enough-token-123', METRICS_PORT: '9464', STUCK_ALERT_MINUTES: '30' }),
    );
    expect(config.operations).toEqual({
      metricsToken: 'a-long-enough-token-123',
      metricsPort: 9464,
      stuckAlertMinutes: 30,
    });
  });

  it('refuse a short token without printing it, a bad port and zero minutes', () => {
    const message = problemsOf(
      testEnv({ METRICS_TOKEN: 'hunter2', METRICS_PORT: '70000', STUCK_ALERT_MINUTES: '0' }),
    );
    expect(message).toContain('METRICS_TOKEN must be at least 16 characters');
    expect(message).toContain('METRICS_PORT must be a port number');
    expect(message).toContain('STUCK_ALERT_MINUTES must be a whole number of minutes');
    expect(message).not.toContain('hunter2');
  });
});
