/** Tencent caps ImageBase64 at 3 MB; the rest of a request is a few hundred bytes. */
export const MAX_IMAGE_BASE64_CHARS = 3 * 1024 * 1024;
export const BODY_LIMIT_BYTES = MAX_IMAGE_BASE64_CHARS + 16 * 1024;
