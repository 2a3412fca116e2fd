// Words for the room's roles and connection qualities.
import type { VideoRole } from '../../shared/video-api.ts';
import type { Translate } from '../i18n/index.tsx';
import type { Quality } from './quality.ts';

export const roleText = (role: VideoRole, t: Translate) => t(`video.role.${role}`);

export const qualityText = (quality: Quality | null, t: Translate) => t(quality ? `video.quality.${quality}` : 'video.quality.unknown');
