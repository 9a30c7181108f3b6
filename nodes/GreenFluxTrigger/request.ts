import type { IDataObject } from 'n8n-workflow';

import type { PushHeaders } from './auth';
import { PUSH_MODULES, type PushModule } from './events';
import { OCPI_CLIENT_ERROR, OCPI_INVALID_PARAMETERS, reject, type PushRejection } from './ocpi';

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

export type PushMethod = 'POST' | 'PUT' | 'PATCH';

export interface PushRoute {
	module: PushModule;
	method: PushMethod;
	/** Path segments GreenFlux appended after the module's base URL (decoded). */
	segments: string[];
}

interface ModuleRule {
	methods: PushMethod[];
	minSegments: number;
	maxSegments: number;
	/** What GreenFlux appends to the base URL, for error messages. */
	suffix: string;
}

const RULES: Record<PushModule, ModuleRule> = {
	cdrs: { methods: ['POST'], minSegments: 0, maxSegments: 0, suffix: '' },
	sessions: {
		methods: ['PUT', 'PATCH'],
		minSegments: 3,
		maxSegments: 3,
		suffix: '/{country_code}/{party_id}/{session_id}',
	},
	locations: {
		methods: ['PUT', 'PATCH'],
		minSegments: 3,
		maxSegments: 5,
		suffix: '/{country_code}/{party_id}/{location_id}[/{evse_uid}[/{connector_id}]]',
	},
	notifications: { methods: ['PUT'], minSegments: 0, maxSegments: 3, suffix: '' },
};

function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/**
 * The module and the appended segments of a request path. The path is read from the request rather
 * than from n8n's route parameters because n8n's test webhooks (`/webhook-test/…`) are keyed by
 * method + webhookId + segment count only: the sessions and locations templates (both 4 segments)
 * share one key there, so the template n8n reports — and the parameter names — can be the other
 * module's. The segment after the node's webhookId is always the module.
 */
export function splitPushPath(
	requestPath: string,
	webhookId?: string,
): { module: string; segments: string[] } | undefined {
	const segments = requestPath
		.split('?')[0]
		.split('/')
		.filter((s) => s !== '')
		.map(decodeSegment);
	let start = webhookId ? segments.lastIndexOf(webhookId) + 1 : 0;
	if (start === 0) {
		// No webhookId in the path (should not happen in n8n): the first segment naming a module.
		start = segments.findIndex((s) =>
			(PUSH_MODULES as readonly string[]).includes(s.toLowerCase()),
		);
		if (start < 0) return undefined;
	}
	const [module, ...rest] = segments.slice(start);
	return module === undefined ? undefined : { module: module.toLowerCase(), segments: rest };
}

/** Checks module, method and segment count; answers 404/405 with an OCPI envelope otherwise. */
export function routePush(
	method: string,
	requestPath: string,
	webhookId?: string,
): PushRoute | PushRejection {
	const split = splitPushPath(requestPath, webhookId);
	if (!split || !(PUSH_MODULES as readonly string[]).includes(split.module)) {
		return reject(
			404,
			OCPI_CLIENT_ERROR,
			'Not a GreenFlux push URL: the trigger receives <webhook URL>/cdrs, /sessions/…, /locations/… and /notifications',
		);
	}
	const module = split.module as PushModule;
	const rule = RULES[module];
	const upper = method.toUpperCase() as PushMethod;
	if (!rule.methods.includes(upper)) {
		return reject(
			405,
			OCPI_CLIENT_ERROR,
			`GreenFlux ${module} pushes use ${rule.methods.join(' or ')}, not ${method.toUpperCase()}`,
		);
	}
	const count = split.segments.length;
	if (count < rule.minSegments || count > rule.maxSegments) {
		const expected =
			rule.suffix === ''
				? `nothing after /${module}`
				: `${rule.suffix} after /${module} (GreenFlux appends it to the base URL ending in /${module})`;
		return reject(
			404,
			OCPI_CLIENT_ERROR,
			`Unexpected push URL for ${module}: expected ${expected}`,
		);
	}
	return { module, method: upper, segments: split.segments };
}

export function isRejection(value: unknown): value is PushRejection {
	return (
		typeof value === 'object' && value !== null && 'httpStatus' in value && 'envelope' in value
	);
}

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
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

const OBJECT_NAMES: Record<PushModule, string> = {
	cdrs: 'CDR',
	sessions: 'session',
	locations: 'location, EVSE or connector',
	notifications: 'charge station notification',
};

/**
 * The objects of a push: CDRs and notifications may come one per push or as an array (one item each);
 * sessions and locations are one object per URL (a one-element array is accepted).
 */
export function pushObjects(module: PushModule, body: unknown): IDataObject[] | PushRejection {
	const data = unwrapPushEnvelope(body);
	const name = OBJECT_NAMES[module];
	const list = Array.isArray(data) ? data : [data];
	if (list.length === 0 || !list.every(isObject)) {
		return reject(
			400,
			OCPI_INVALID_PARAMETERS,
			`The push body must be a ${name} object${module === 'cdrs' || module === 'notifications' ? ' or an array of them' : ''}`,
		);
	}
	if ((module === 'sessions' || module === 'locations') && list.length > 1) {
		return reject(
			400,
			OCPI_INVALID_PARAMETERS,
			`A ${module} push carries one ${name} object, not an array of ${list.length}`,
		);
	}
	return list;
}
