// Whether this browser can hold a video call, and which browser it is, for the right permission instructions. Pure.

export type BrowserFamily = 'ios' | 'safari' | 'firefox' | 'chrome' | 'edge' | 'other';

export function browserFamily(userAgent: string): BrowserFamily {
  // Every browser on iPhone and iPad is Safari underneath, and asks for the camera the same way.
  if (/iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && /Mobile\//.test(userAgent))) return 'ios';
  if (/Edg\//.test(userAgent)) return 'edge';
  if (/Firefox\//.test(userAgent)) return 'firefox';
  if (/Chrome\/|Chromium\/|CriOS\//.test(userAgent)) return 'chrome';
  if (/Safari\//.test(userAgent)) return 'safari';
  return 'other';
}

export interface Support {
  supported: boolean;
  family: BrowserFamily;
  /** What is missing, for the message: not a secure page, no camera API, no WebRTC. */
  missing: Array<'secure' | 'media' | 'webrtc'>;
}

export function browserSupport(env: { userAgent: string; isSecureContext: boolean; hasGetUserMedia: boolean; hasPeerConnection: boolean }): Support {
  const missing: Support['missing'] = [];
  if (!env.isSecureContext) missing.push('secure');
  if (!env.hasGetUserMedia) missing.push('media');
  if (!env.hasPeerConnection) missing.push('webrtc');
  return { supported: missing.length === 0, family: browserFamily(env.userAgent), missing };
}

export function currentSupport(): Support {
  return browserSupport({
    userAgent: navigator.userAgent,
    isSecureContext: window.isSecureContext,
    hasGetUserMedia: typeof navigator.mediaDevices?.getUserMedia === 'function',
    hasPeerConnection: typeof window.RTCPeerConnection === 'function',
  });
}
