import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../envelope';
import type { PushHeaders } from './auth';
import { OCPI_INVALID_PARAMETERS, reject, type PushRejection } from './ocpi';

/** What the trigger reads from n8n's (express) request object. */
export interface PushRequest {
	method?: string;
	/** express: path without the query string, e.g. `/webhook/<webhookId>/sessions/NL/GFX/abc`. */
	path?: string;
	url?: string;
	originalUrl?: string;
	headers: PushHeaders;
	/** Set by n8n's raw-body reader once the body was read (a Buffer). */
	rawBody?: unknown;
	/** Set by n8n: the media type of Content-Type without parameters, e.g. `application/json`. */
	contentType?: string;
}

export function isRejection(value: unknown): value is PushRejection {
	return (
		typeof value === 'object' && value !== null && 'httpStatus' in value && 'envelope' in value
	);
}

const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

function parseJson(text: string): unknown | PushRejection {
	try {
		return JSON.parse(stripBom(text)) as unknown;
	} catch (error) {
		return reject(
			400,
			OCPI_INVALID_PARAMETERS,
			`The push body is not valid JSON (${(error as Error).message}); GreenFlux pushes are JSON objects`,
		);
	}
}

/**
 * The JSON body of a push, whatever n8n made of it before `webhook()` ran (n8n 2.41
 * `parseRequestBody` → `parseBody`):
 * - `Content-Type: application/json`: n8n has already parsed it (invalid JSON never gets here: n8n
 *   answers 422 "Failed to parse request body" itself) → the parsed value is used;
 * - `text/plain`: n8n hands over the text → parsed here;
 * - other or no content type, `application/*+json`, form-encoded: n8n leaves the body unparsed (or
 *   parses it as a form) but keeps the raw bytes in `req.rawBody` → those are parsed here.
 * Anything that is not JSON, or is empty, is refused with HTTP 400 + OCPI 2001.
 */
export function readPushBody(req: PushRequest, bodyData: unknown): unknown | PushRejection {
	const contentTypeHeader = req.headers['content-type'];
	const contentType = (
		req.contentType ??
		(Array.isArray(contentTypeHeader) ? contentTypeHeader[0] : contentTypeHeader) ??
		''
	)
		.split(';')[0]
		.trim()
		.toLowerCase();
	const raw = req.rawBody;
	const rawText =
		raw instanceof Uint8Array && raw.length > 0 ? Buffer.from(raw).toString('utf8') : undefined;
	let value: unknown;
	if (contentType === 'application/json' && typeof bodyData === 'object' && bodyData !== null) {
		value = bodyData;
	} else if (rawText !== undefined) {
		value = parseJson(rawText);
	} else if (typeof bodyData === 'string' && bodyData.trim() !== '') {
		value = parseJson(bodyData);
	} else if (
		typeof bodyData === 'object' &&
		bodyData !== null &&
		Object.keys(bodyData).length > 0
	) {
		value = bodyData;
	} else {
		return reject(
			400,
			OCPI_INVALID_PARAMETERS,
			'The push body is empty; GreenFlux pushes carry a JSON object',
		);
	}
	if (isRejection(value)) return value;
	if (typeof value !== 'object' || value === null) {
		return reject(
			400,
			OCPI_INVALID_PARAMETERS,
			'The push body must be a JSON object or an array of objects',
		);
	}
	return value;
}

const ENVELOPE_KEYS = new Set(['data', 'status_code', 'status_message', 'timestamp']);

/** `{data: …}` (optionally with status_code/status_message/timestamp) → its data; anything else as is. */
export function unwrapPushEnvelope(body: unknown): unknown {
	if (
		isObject(body) &&
		'data' in body &&
		Object.keys(body).every((key) => ENVELOPE_KEYS.has(key))
	) {
		return body.data;
	}
	return body;
}

/** How a module's push body carries its objects. */
export interface PushBodyShape {
	/** The object's name in answers, e.g. `session`. */
	name: string;
	/** Several objects per push (an array) allowed; otherwise one (a one-element array is accepted). */
	many: boolean;
}

/** The objects of a push body (bare or in a `{data}` envelope), checked against the module's shape. */
export function bodyObjects(
	module: string,
	body: unknown,
	shape: PushBodyShape,
): IDataObject[] | PushRejection {
	const data = unwrapPushEnvelope(body);
	const list = Array.isArray(data) ? data : [data];
	if (list.length === 0 || !list.every(isObject)) {
		return reject(
			400,
			OCPI_INVALID_PARAMETERS,
			`The push body must be a ${shape.name} object${shape.many ? ' or an array of them' : ''}`,
		);
	}
	if (!shape.many && list.length > 1) {
		return reject(
			400,
			OCPI_INVALID_PARAMETERS,
			`A ${module} push carries one ${shape.name} object, not an array of ${list.length}`,
		);
	}
	return list;
}
