/**
 * OCPI answers of a push trigger. GreenFlux does not document what it expects back (gaps.md §4.3);
 * OCPI 2.1.1 answers 200/201 with `{status_code: 1000, status_message, timestamp}`, and client errors
 * with a 2xxx code.
 */

/** Success (1000): the code of the API's own envelopes, defined once there. */
export { OCPI_SUCCESS } from '../envelope';
/** Generic client error: used for a missing or wrong token and for a URL that is not a push target. */
export const OCPI_CLIENT_ERROR = 2000;
/** Invalid or missing parameters: used for a body that is not JSON or not the expected object. */
export const OCPI_INVALID_PARAMETERS = 2001;
/** Generic server error: the trigger itself is not usable (no push token in its credential). */
export const OCPI_SERVER_ERROR = 3000;

export interface OcpiEnvelope {
	status_code: number;
	status_message: string;
	timestamp: string;
}

export function ocpiEnvelope(statusCode: number, message: string, now = new Date()): OcpiEnvelope {
	return { status_code: statusCode, status_message: message, timestamp: now.toISOString() };
}

/** A refusal: HTTP status + OCPI envelope, written by the node itself (no workflow execution). */
export interface PushRejection {
	httpStatus: number;
	envelope: OcpiEnvelope;
}

export function reject(httpStatus: number, statusCode: number, message: string): PushRejection {
	return { httpStatus, envelope: ocpiEnvelope(statusCode, message) };
}

/** The part of Node's/express's response object the trigger writes to. */
export interface PushResponse {
	headersSent?: boolean;
	writeHead(status: number, headers: Record<string, string>): unknown;
	end(body: string): unknown;
}

/** Writes an envelope with `writeHead`/`end`, which both a raw ServerResponse and express's Response offer. */
export function writeEnvelope(
	res: PushResponse,
	httpStatus: number,
	envelope: OcpiEnvelope,
	extraHeaders: Record<string, string> = {},
): void {
	if (res.headersSent) return;
	res.writeHead(httpStatus, { 'Content-Type': 'application/json; charset=utf-8', ...extraHeaders });
	res.end(JSON.stringify(envelope));
}
