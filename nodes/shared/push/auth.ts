import { createHash, timingSafeEqual } from 'crypto';

/** Request headers as n8n hands them over (lower-cased names). */
export type PushHeaders = Record<string, string | string[] | undefined>;

/** The credential holding a trigger's push token: its type name and the name users see. */
export interface PushCredential {
	type: string;
	displayName: string;
}

/** Shortest push token the trigger accepts (a guessable token would let anyone start the workflow). */
export const MIN_TOKEN_LENGTH = 16;

/**
 * Why a push token cannot be used, or undefined when it can. The token travels in an HTTP header,
 * so it must be printable ASCII without spaces; GreenFlux sends it as `Authorization: Token <token>`.
 */
export function pushTokenProblem(token: unknown): string | undefined {
	if (typeof token !== 'string' || token === '') {
		return 'The push token is empty. Choose a random token of at least 16 characters and give it to GreenFlux.';
	}
	if (/\s/.test(token)) {
		return 'The push token contains a space or line break. GreenFlux sends it in the "Authorization: Token …" header, which cannot carry whitespace: remove it (also check for a space copied at the start or end).';
	}
	if (!/^[\x21-\x7e]+$/.test(token)) {
		return 'The push token contains characters that cannot be sent in an HTTP header. Use letters, digits and punctuation only (ASCII).';
	}
	if (token.length < MIN_TOKEN_LENGTH) {
		return `The push token has ${token.length} characters; use at least ${MIN_TOKEN_LENGTH} (for example 32 random letters and digits) so it cannot be guessed.`;
	}
	return undefined;
}

export type AuthorizationResult = 'ok' | 'missing' | 'invalid';

/** The token of an `Authorization: Token <token>` header (scheme case-insensitive), or undefined. */
export function tokenFromHeaders(headers: PushHeaders): string | undefined {
	const raw = headers.authorization;
	const value = Array.isArray(raw) ? raw[0] : raw;
	if (typeof value !== 'string') return undefined;
	const match = /^\s*Token\s+(\S+)\s*$/i.exec(value);
	return match ? match[1] : '';
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Compares the pushed token with the configured one in constant time: both are hashed to 32-byte
 * SHA-256 digests first, so timingSafeEqual always compares equal-length buffers and neither the
 * token's content nor its length leaks through timing.
 */
export function checkAuthorization(
	headers: PushHeaders,
	expectedToken: string,
): AuthorizationResult {
	const provided = tokenFromHeaders(headers);
	if (provided === undefined) return 'missing';
	const matches = timingSafeEqual(digest(provided), digest(expectedToken));
	return matches && provided !== '' ? 'ok' : 'invalid';
}
