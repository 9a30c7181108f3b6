import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { OCPI_SUCCESS, unwrapEnvelope } from './envelope';
import { baseUrlOf, environmentName } from './environments';
import {
	API_PROFILES,
	type ApiProfile,
	type ApiProfileName,
	type HttpErrorFacts,
	type ModulePermission,
} from './profiles';

export type { ModulePermission } from './profiles';

/** Every n8n context the nodes send GreenFlux requests from: actions, list searches and polls. */
export type GreenFluxContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export const RETRY_POLICY = {
	maxRetries: 3,
	baseDelayMs: 1000,
	maxDelayMs: 30_000,
	retryStatuses: [429, 502, 503, 504],
	retryNetworkCodes: [
		'ECONNRESET',
		'ETIMEDOUT',
		'ESOCKETTIMEDOUT',
		'EPIPE',
		'ECONNABORTED',
		'EAI_AGAIN',
	],
};

export interface GreenFluxRequest {
	/** The API profile: credential, base URL, how bodies and errors are read (default platform). */
	api: ApiProfileName;
	/** GreenFlux module name used in messages, e.g. "CDR" or "Locations". */
	module: string;
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: unknown;
	headers?: IDataObject;
	/** json (default): parse and unwrap the OCPI envelope; text: CSV and other text; binary: raw bytes. */
	responseType?: 'json' | 'text' | 'binary';
	/** Return OCPI business errors (status_code ≠ 1000) as data instead of throwing; a list returns only those codes. */
	acceptOcpiErrors?: boolean | number[];
	/** The module permission this request needs, when the HTTP method does not say it (a POST that reads). */
	permission?: ModulePermission;
	/** HTTP statuses returned as a response instead of an error (and never retried), e.g. 503 of a status check. */
	acceptHttpStatuses?: number[];
	itemIndex?: number;
}

export interface GreenFluxResponse {
	/** Envelope `data` (or the bare body / text / bytes). */
	data: unknown;
	body: unknown;
	headers: IDataObject;
	statusCode: number;
	baseUrl: string;
	/** The OCPI status of an enveloped answer. */
	ocpiStatus?: { code: number; message: string };
}

interface AttemptFailure {
	retryable: boolean;
	retryAfterMs?: number;
	error: NodeApiError;
}

function permissionFor(method: IHttpRequestMethods, declared?: ModulePermission): ModulePermission {
	if (declared) return declared;
	if (method === 'GET' || method === 'HEAD') return 'read';
	if (method === 'DELETE') return 'delete';
	return 'write';
}

/** Parses Retry-After (seconds or HTTP date) into milliseconds. */
export function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (value === undefined || value === null || value === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function backoffMs(attempt: number, retryAfter?: number): number {
	const exponential = RETRY_POLICY.baseDelayMs * 2 ** attempt;
	return Math.min(retryAfter ?? exponential, RETRY_POLICY.maxDelayMs);
}

class Failure {
	constructor(
		private readonly context: GreenFluxContext,
		private readonly request: GreenFluxRequest,
		private readonly profile: ApiProfile,
		private readonly environment: string,
	) {}

	private apiError(
		message: string,
		description: string,
		details: JsonObject,
		httpCode?: number,
	): NodeApiError {
		const { method, path, module } = this.request;
		return new NodeApiError(
			this.context.getNode(),
			{ message, method, path, module, environment: this.environment, ...details },
			{
				message,
				description,
				httpCode: httpCode === undefined ? undefined : String(httpCode),
				itemIndex: this.request.itemIndex,
			},
		);
	}

	fromHttpStatus(statusCode: number, body: unknown, headers: IDataObject): AttemptFailure {
		const { method, path, module } = this.request;
		const { said, details: saidDetails } = this.profile.errorStatement(body);
		const saidSuffix = said ? ` GreenFlux said: "${said}".` : '';
		const details = { httpCode: statusCode, greenFluxMessage: said, ...saidDetails };
		const facts: HttpErrorFacts = {
			module,
			method,
			path,
			environment: this.environment,
			permission: permissionFor(method, this.request.permission),
			said,
		};
		const wording =
			statusCode === 401
				? this.profile.unauthorized(facts)
				: statusCode === 403
					? this.profile.forbidden(facts)
					: statusCode === 404
						? this.profile.notFound(facts)
						: undefined;
		if (wording) {
			return {
				retryable: false,
				error: this.apiError(wording.message, wording.description, details, statusCode),
			};
		}
		if (RETRY_POLICY.retryStatuses.includes(statusCode)) {
			const busy = statusCode === 429 ? 'is rate-limiting this key' : 'is temporarily unavailable';
			return {
				retryable: true,
				retryAfterMs: retryAfterMs(headers['retry-after']),
				error: this.apiError(
					`GreenFlux ${busy} (HTTP ${statusCode}) for ${method} ${path}`,
					`The request was tried ${RETRY_POLICY.maxRetries + 1} times. Try again later, or lower the request rate (for example with the node's "Retry On Fail" setting and a longer wait).${saidSuffix}`,
					details,
					statusCode,
				),
			};
		}
		return {
			retryable: false,
			error: this.apiError(
				`GreenFlux answered HTTP ${statusCode} to ${method} ${path}${said ? `: ${said}` : ''}`,
				statusCode >= 500
					? 'GreenFlux had an internal error. Try again later; if it persists, contact GreenFlux support with the time of the request.'
					: 'GreenFlux refused the request. Check the parameters of this operation.',
				details,
				statusCode,
			),
		};
	}

	fromOcpiStatus(code: number, message: string, body: unknown): AttemptFailure {
		const { method, path, module } = this.request;
		const hint =
			code === 2001
				? 'GreenFlux reports invalid or missing parameters: check the fields of this operation.'
				: code >= 3000
					? 'GreenFlux reports a server-side problem. Try again later.'
					: `GreenFlux rejected this ${module} request: fix the request as the message says.`;
		const data = unwrapEnvelope(body);
		return {
			retryable: false,
			error: this.apiError(
				`GreenFlux returned status_code ${code} for ${method} ${path}${message ? `: ${message}` : ''}`,
				hint,
				{
					status_code: code,
					status_message: message,
					...(data === undefined ? {} : { data: data as JsonObject }),
				},
				200,
			),
		};
	}

	fromNetwork(error: { code?: string; message?: string }, baseUrl: string): AttemptFailure {
		const code = error.code ?? '';
		return {
			retryable:
				RETRY_POLICY.retryNetworkCodes.includes(code) ||
				/socket hang up/i.test(error.message ?? ''),
			error: this.apiError(
				`Could not reach GreenFlux at ${baseUrl} (${code || 'network error'})`,
				'Check the environment (or custom URL) in the credential and the network between n8n and GreenFlux.',
				{ code },
			),
		};
	}

	/** A cut-off answer is retried, except for POST and PATCH: GreenFlux may have carried them out. */
	fromUnreadableBody(): AttemptFailure {
		const { method, path } = this.request;
		const repeatable = method !== 'POST' && method !== 'PATCH';
		return {
			retryable: repeatable,
			error: this.apiError(
				`GreenFlux sent an incomplete or non-JSON response to ${method} ${path}`,
				repeatable
					? 'The response could not be read as JSON (it may have been cut off). Try again later.'
					: 'The response could not be read as JSON (it may have been cut off), so the node did not send the request again: GreenFlux may have carried it out. Check in GreenFlux before running the workflow again.',
				{},
			),
		};
	}
}

/** n8n wraps socket errors (code in `cause` or `httpCode`); only code and message are kept, never the request. */
function networkErrorOf(error: unknown): { code?: string; message?: string } {
	const e = (error ?? {}) as {
		code?: unknown;
		message?: unknown;
		httpCode?: unknown;
		cause?: { code?: unknown; message?: unknown };
	};
	const code = [e.cause?.code, e.code, e.httpCode].find(
		(c) => typeof c === 'string' && /^E[A-Z]+$/.test(c),
	);
	const message = [e.cause?.message, e.message].find((m) => typeof m === 'string');
	return { code: code as string | undefined, message: message as string | undefined };
}

/**
 * The JSON value of a body. n8n has usually parsed it already; a string is either JSON text n8n could not
 * parse (a cut-off object or array: not ok) or a JSON string value n8n did parse (e.g. a bare new ID).
 */
function parseJsonBody(body: unknown): { ok: boolean; value: unknown } {
	if (typeof body !== 'string') return { ok: true, value: body };
	if (body.trim() === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(body) };
	} catch {
		return { ok: !/^\s*[[{"]/.test(body), value: body };
	}
}

/**
 * Sends one GreenFlux request with the node's credential and applies every cross-cutting rule:
 * envelope unwrapping, OCPI status_code errors on HTTP 200, 401/403/404 messages, bounded retries.
 */
export async function greenFluxRequest(
	this: GreenFluxContext,
	request: GreenFluxRequest,
): Promise<GreenFluxResponse> {
	const profile = API_PROFILES[request.api];
	const credentialType = profile.credentialType;
	const credentials = await this.getCredentials(credentialType, request.itemIndex ?? 0);
	const baseUrl = baseUrlOf(profile.family, credentials);
	const failure = new Failure(this, request, profile, environmentName(credentials));
	const responseType = request.responseType ?? 'json';
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL: baseUrl,
		url: request.path,
		qs: request.qs,
		headers: { Accept: responseType === 'json' ? 'application/json' : '*/*', ...request.headers },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		arrayFormat: 'repeat',
		timeout: 60_000,
	};
	if (responseType === 'json') {
		options.json = true;
	} else {
		options.encoding = responseType === 'binary' ? 'arraybuffer' : 'text';
		options.json = false;
	}
	if (request.body !== undefined) options.body = request.body as IDataObject;

	for (let attempt = 0; ; attempt++) {
		let outcome: AttemptFailure | GreenFluxResponse;
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				credentialType,
				options,
			)) as { body: unknown; headers: IDataObject; statusCode: number };
			outcome = interpret(failure, response, request, profile, baseUrl);
		} catch (error) {
			outcome = failure.fromNetwork(networkErrorOf(error), baseUrl);
		}
		if (!('retryable' in outcome)) return outcome;
		const waitTooLong = (outcome.retryAfterMs ?? 0) > RETRY_POLICY.maxDelayMs;
		if (!outcome.retryable || attempt >= RETRY_POLICY.maxRetries || waitTooLong) {
			if (waitTooLong) {
				outcome.error.description = `GreenFlux asks to wait ${Math.ceil(outcome.retryAfterMs! / 1000)} seconds before the next request (Retry-After). Run the workflow again after that time.`;
			}
			throw outcome.error;
		}
		await sleep(backoffMs(attempt, outcome.retryAfterMs));
	}
}

function interpret(
	failure: Failure,
	response: { body: unknown; headers: IDataObject; statusCode: number },
	request: GreenFluxRequest,
	profile: ApiProfile,
	baseUrl: string,
): AttemptFailure | GreenFluxResponse {
	const responseType = request.responseType ?? 'json';
	const headers = response.headers ?? {};
	const statusCode = response.statusCode;
	const accepted = statusCode >= 300 && (request.acceptHttpStatuses ?? []).includes(statusCode);
	let body = response.body;
	if (responseType === 'json' || statusCode >= 300) {
		const parsed = parseJsonBody(body);
		if (statusCode < 300 && responseType === 'json' && !parsed.ok)
			return failure.fromUnreadableBody();
		body = parsed.value;
	}
	if (accepted) return { data: profile.read(body).data, body, headers, statusCode, baseUrl };
	if (statusCode >= 300) return failure.fromHttpStatus(statusCode, body, headers);
	if (responseType === 'text' && /json/i.test(String(headers['content-type'] ?? ''))) {
		// A CSV/text endpoint that answers HTTP 200 with an OCPI error envelope is a business error, not text.
		const envelope = parseJsonBody(body).value;
		const status = profile.read(envelope).status;
		if (status && status.code !== OCPI_SUCCESS && request.acceptOcpiErrors !== true) {
			return failure.fromOcpiStatus(status.code, status.message, envelope);
		}
	}
	if (responseType !== 'json') return { data: body, body, headers, statusCode, baseUrl };
	const { data, status } = profile.read(body);
	const acceptedCodes = request.acceptOcpiErrors;
	const acceptsCode = (code: number) =>
		acceptedCodes === true || (Array.isArray(acceptedCodes) && acceptedCodes.includes(code));
	if (status && status.code !== OCPI_SUCCESS && !acceptsCode(status.code)) {
		return failure.fromOcpiStatus(status.code, status.message, body);
	}
	return { data, body, headers, statusCode, baseUrl, ocpiStatus: status };
}
