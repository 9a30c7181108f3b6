import type { IDataObject, JsonObject } from 'n8n-workflow';

import { envelopeStatus, isObject } from './envelope';

/** What GreenFlux said in an error answer: one line for messages, and the parts for the error's details. */
export interface ErrorStatement {
	said: string;
	details: JsonObject;
}

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** The first plain message of a body: an OCPI status_message, or `message` / `title` / `detail` / `error`. */
export function platformErrorStatement(body: unknown): ErrorStatement {
	if (typeof body === 'string') return { said: body.slice(0, 300), details: {} };
	const status = envelopeStatus(body);
	if (status?.message) return { said: status.message, details: {} };
	if (isObject(body)) {
		for (const key of ['message', 'title', 'detail', 'error', 'status_message']) {
			const said = text(body[key]);
			if (said) return { said, details: {} };
		}
	}
	return { said: '', details: {} };
}

/** Parts joined by ": ", or by a space after a part that already ends a sentence. */
const joinSaid = (parts: Array<string | undefined>) =>
	(parts.filter(Boolean) as string[]).reduce(
		(said, part) => (said === '' ? part : `${said}${/[.!?]$/.test(said) ? ' ' : ': '}${part}`),
		'',
	);

const withCode = (message: string, code: unknown) =>
	code === undefined || code === null || code === ''
		? message
		: `${message} (code ${String(code)})`;

/**
 * Charge Assist error bodies (reference §15.2), also ASP.NET problem details with field `errors`
 * (Smart Charging): `ValidationResponse` (v1 routes), `ValidationResponseV2`
 * (v2.1 routes), `ProblemDetails` (tariffs) or a plain string. Every message and code GreenFlux sent is kept.
 */
export function chargeAssistErrorStatement(body: unknown): ErrorStatement {
	if (typeof body === 'string') return { said: body.trim().slice(0, 500), details: {} };
	if (!isObject(body)) return { said: '', details: {} };
	if (Array.isArray(body.validationMessages)) {
		const messages = (body.validationMessages as unknown[]).filter(isObject) as IDataObject[];
		const parts = messages.map((m) => withCode(text(m.message) ?? '', m.code)).filter(Boolean);
		const message = text(body.message);
		const repeated = messages.some((m) => text(m.message) === message);
		const said = [repeated ? undefined : message, parts.join('; ')].filter(Boolean).join(' ');
		const codes = messages.map((m) => m.code).filter((code) => code !== undefined && code !== null);
		return {
			said,
			details: {
				validationMessages: messages as JsonObject[],
				codes: codes as string[],
				...(text(body.developerMessage) ? { developerMessage: text(body.developerMessage)! } : {}),
			},
		};
	}
	if ('validationStatus' in body || ('code' in body && 'message' in body)) {
		const said = withCode(text(body.message) ?? '', body.code);
		const context = text(body.context);
		return {
			said: context ? `${said} [${context}]` : said,
			details: {
				code: body.code as string,
				validationStatus: (body.validationStatus as string) ?? null,
			},
		};
	}
	if ('title' in body || 'detail' in body) {
		const fields = isObject(body.errors) ? Object.entries(body.errors) : [];
		const fieldMessages = fields.map(
			([field, messages]) => `${field}: ${[messages].flat().map(String).join(' ')}`,
		);
		const said = joinSaid([text(body.title), text(body.detail), ...fieldMessages]);
		return {
			said,
			details: {
				problemType: (body.type as string) ?? null,
				...(fields.length ? { errors: body.errors as JsonObject } : {}),
			},
		};
	}
	// ASP.NET's BadRequestObjectResult serialised as it is: the message is its `value`.
	if ('value' in body && 'statusCode' in body) {
		const value = body.value;
		return { said: typeof value === 'string' ? value : JSON.stringify(value), details: {} };
	}
	return platformErrorStatement(body);
}
