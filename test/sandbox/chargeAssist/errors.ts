import { type RouteContext, sendJson, sendText } from '../http';

/**
 * Charge Assist answers errors in one of several shapes, depending on the route (reference §15.2):
 * `ValidationResponse` (v1), `ValidationResponseV2` (most v2.1 routes), `ProblemDetails` (tariffs),
 * a plain string, or the `BadRequestObjectResult` the availability route declares.
 */
export type ErrorStyle = 'validation' | 'validationV2' | 'problem' | 'text' | 'badRequestObject';

/** The shape per HTTP status of one route, as its OpenAPI operation declares it. */
export type ErrorStyles = { default: ErrorStyle } & Partial<Record<number, ErrorStyle>>;

const DEFAULT_CODES: Record<number, string> = {
	400: 'VALIDATION_ERROR',
	403: 'FORBIDDEN',
	404: 'NOT_FOUND',
	502: 'BAD_GATEWAY',
	503: 'SERVICE_UNAVAILABLE',
};

const TITLES: Record<number, string> = {
	400: 'Bad Request',
	403: 'Forbidden',
	404: 'Not Found',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
};

/** Thrown by Charge Assist handlers; the route wrapper renders it in the route's error shape. */
export class CaError extends Error {
	constructor(
		readonly status: number,
		message: string,
		/** The request field at fault (named in the body). */
		readonly field?: string,
		readonly code: string = DEFAULT_CODES[status] ?? 'ERROR',
	) {
		super(message);
	}
}

/** `'locationId' is required.` and friends, so every validation message names its field. */
export const required = (field: string) =>
	new CaError(400, `'${field}' is required.`, field, 'REQUIRED');
export const invalid = (field: string, why: string) =>
	new CaError(400, `'${field}' ${why}`, field, 'INVALID');

export function sendCaError(ctx: RouteContext, style: ErrorStyle, error: CaError): void {
	const { status, field, code, message } = error;
	switch (style) {
		case 'text':
			return sendText(ctx.res, status, message, 'text/plain; charset=utf-8');
		case 'validationV2':
			return sendJson(ctx.res, status, {
				message,
				code,
				context: field ?? null,
				validationStatus: 'Error',
			});
		case 'problem': {
			const text = JSON.stringify({
				type: `https://httpstatuses.io/${status}`,
				title: TITLES[status] ?? 'Error',
				status,
				detail: message,
				instance: new URL(ctx.req.url ?? '/', 'http://sandbox').pathname,
			});
			return sendText(ctx.res, status, text, 'application/problem+json; charset=utf-8');
		}
		case 'badRequestObject':
			return sendJson(ctx.res, status, {
				value: message,
				formatters: [],
				contentTypes: [],
				declaredType: null,
				statusCode: status,
			});
		default:
			return sendJson(ctx.res, status, {
				validationMessages: [{ code, message }],
				message: status === 400 ? 'The request is not valid.' : message,
				developerMessage: field ? `${code} on field '${field}': ${message}` : message,
			});
	}
}

/** Answers for a request without a valid Charge Assist key (the API gateway's style, not OCPI). */
export function sendCaUnauthorized(ctx: RouteContext, keySent: boolean): void {
	sendJson(
		ctx.res,
		401,
		{
			statusCode: 401,
			message: keySent
				? 'Access denied: the API key is not valid for Charge Assist.'
				: 'Access denied: send the key as "Authorization: ApiKey <key>" or "Ocp-Apim-Subscription-Key: <key>".',
		},
		{ 'WWW-Authenticate': 'ApiKey' },
	);
}
