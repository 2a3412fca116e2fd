// Which channels the configuration picks: SMPP over the HTTP gateway over the outbox; SMTP over the outbox.
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { channelsFromConfig, type ChannelConfig } from './index.ts';

const log = pino({ level: 'silent' });
const base: ChannelConfig = {
  nodeEnv: 'test',
  smppUrl: undefined,
  smppSystemId: 'nettlege',
  smppPassword: '',
  smsSender: 'Nettlege',
  smsHttpUrl: undefined,
  smsHttpToken: undefined,
  smtpUrl: undefined,
  mailFrom: 'Nettlege <ikke-svar@nettlege.test>',
};

describe('channelsFromConfig', () => {
  it('uses the development outbox for both when nothing is configured', () => {
    const { sms, email } = channelsFromConfig(base, log);
    expect([sms.name, email.name]).toEqual(['outbox', 'outbox']);
  });

  it('prefers SMPP to the HTTP gateway, and the HTTP gateway to the outbox', () => {
    expect(channelsFromConfig({ ...base, smppUrl: 'smpp://127.0.0.1:2775', smsHttpUrl: 'http://127.0.0.1/sms' }, log).sms.name).toBe('smpp');
    expect(channelsFromConfig({ ...base, smsHttpUrl: 'http://127.0.0.1/sms' }, log).sms.name).toBe('http-gateway');
  });

  it('sends e-mail over SMTP when SMTP_URL is set, SMS still to the outbox', () => {
    const { sms, email } = channelsFromConfig({ ...base, smtpUrl: 'smtp://127.0.0.1:2525' }, log);
    expect([sms.name, email.name]).toEqual(['outbox', 'smtp']);
  });
});
