import { ConfigError, loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { TEST_SECRETS, testEnv } from '../support/config';

function problemsOf(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('AUDIT_HMAC_KEY', () => {
  it('is required in production, with a message that says why and how to make one', () => {
    const message = problemsOf(testEnv({ NODE_ENV: 'production', AUDIT_HMAC_KEY: undefined }));
    expect(message).toContain('AUDIT_HMAC_KEY is required in production');
    expect(message).toContain('openssl rand');
    expect(loadConfig(testEnv({ NODE_ENV: 'production' })).audit.hmacKey?.toString()).toBe(
      TEST_SECRETS.auditHmacKey,
    );
  });

  it('must be at least 32 bytes, and a refused key is never printed', () => {
    const short = 'tooshort-secret-0123456789';
    const message = problemsOf(testEnv({ AUDIT_HMAC_KEY: short }));
    expect(message).toContain('AUDIT_HMAC_KEY must be at least 32 bytes');
    expect(message).not.toContain(short);
  });

  it('is optional outside production (entries then get the plain hash)', () => {
    expect(loadConfig(testEnv({ AUDIT_HMAC_KEY: undefined })).audit.hmacKey).toBeUndefined();
  });

  it('is redacted from logs, as a config field or a variable', () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      destination: { write: (line: string) => lines.push(line) },
    });
    const config = loadConfig(testEnv());
    logger.info({ config: { audit: { hmacKey: TEST_SECRETS.auditHmacKey } } }, 'starting');
    logger.info({ env: { AUDIT_HMAC_KEY: TEST_SECRETS.auditHmacKey }, hmacKey: config.audit.hmacKey }, 'env');
    expect(lines).toHaveLength(2);
    expect(lines.join('')).not.toContain(TEST_SECRETS.auditHmacKey);
    expect(lines.join('')).not.toContain(JSON.stringify([...(config.audit.hmacKey ?? [])]).slice(1, 20));
  });
});
