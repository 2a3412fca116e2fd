// Video settings: the secret that signs join links, and the STUN/TURN servers given to admitted participants.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface VideoConfig {
  /** VIDEO_LINK_SECRET; unset outside production, where a random one is kept in `linkSecretFile`. */
  linkSecret: string | undefined;
  linkSecretFile: string;
  /** Production: every instance must verify every other's links, so the secret must come from the environment. */
  linkSecretRequired: boolean;
  stunUrls: string[];
  turnUrls: string[];
  /** coturn's static-auth-secret (TURN REST credentials); required with TURN_URLS. */
  turnSecret: string | undefined;
  turnTtlSeconds: number;
}

type Env = Record<string, string | undefined>;

const ICE_URL = /^(stun|stuns|turn|turns):[^\s,]+$/;

function list(env: Env, name: string): string[] {
  const raw = env[name]?.trim();
  if (!raw) return [];
  const urls = raw.split(',').map((u) => u.trim()).filter(Boolean);
  for (const u of urls) if (!ICE_URL.test(u)) throw new Error(`${name} must be comma-separated stun:/turn:/turns: URLs, got "${u}"`);
  return urls;
}

export function readVideoConfig(env: Env, dataDir: string): VideoConfig {
  const linkSecret = env.VIDEO_LINK_SECRET?.trim() || undefined;
  if (linkSecret && linkSecret.length < 32) throw new Error('VIDEO_LINK_SECRET must be at least 32 characters');
  const turnUrls = list(env, 'TURN_URLS');
  const turnSecret = env.TURN_SECRET?.trim() || undefined;
  if (turnUrls.length > 0 && !turnSecret) throw new Error('TURN_URLS needs TURN_SECRET (coturn static-auth-secret)');
  if (turnUrls.some((u) => u.startsWith('stun'))) throw new Error('TURN_URLS must hold turn: or turns: URLs; put stun: URLs in STUN_URLS');
  const rawTtl = env.TURN_TTL_SECONDS?.trim();
  const turnTtlSeconds = rawTtl ? Number(rawTtl) : 3600;
  if (!Number.isInteger(turnTtlSeconds) || turnTtlSeconds < 60 || turnTtlSeconds > 86_400) throw new Error(`TURN_TTL_SECONDS must be an integer from 60 to 86400, got "${rawTtl}"`);
  return {
    linkSecret,
    linkSecretFile: path.join(dataDir, 'video-link.secret'),
    linkSecretRequired: (env.NODE_ENV ?? 'development') === 'production',
    stunUrls: list(env, 'STUN_URLS'),
    turnUrls,
    turnSecret,
    turnTtlSeconds,
  };
}

/**
 * The link secret to use, read at start (not in loadConfig, which must stay free of files): the configured one, or in
 * development one made once and kept under DATA_DIR, so instances sharing the directory, and restarts, agree.
 */
export function videoLinkSecret(c: VideoConfig): string {
  if (c.linkSecret) return c.linkSecret;
  if (c.linkSecretRequired) throw new Error('VIDEO_LINK_SECRET is required in production: every instance signs and checks video join links with it');
  try {
    const kept = readFileSync(c.linkSecretFile, 'utf8').trim();
    if (kept.length >= 32) return kept;
  } catch {
    // not made yet
  }
  const made = randomBytes(32).toString('base64url');
  mkdirSync(path.dirname(c.linkSecretFile), { recursive: true });
  try {
    // 'wx': if another instance made it a moment ago, theirs wins.
    writeFileSync(c.linkSecretFile, made, { mode: 0o600, flag: 'wx' });
    return made;
  } catch {
    return readFileSync(c.linkSecretFile, 'utf8').trim();
  }
}
